import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../electron/core/notifications/listener.js';
import { closeAll, startHarness, type Harness } from './support/listener-harness.js';
import { formEncode, notificationFields, signed } from './support/notifications.js';
import { buildRequest, RawConnection, rawRequest } from './support/raw-http.js';

const open: Harness[] = [];
const attackers: net.Socket[] = [];
const senders: ChildProcess[] = [];
afterEach(async () => {
  for (const socket of attackers.splice(0)) socket.destroy();
  await Promise.all(
    senders.splice(0).map((child) => {
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      return exited;
    }),
  );
  await closeAll(open);
});

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/**
 * Opens `count` connections from `localAddress` that each send part of a request's headers and
 * then nothing (slowloris), or nothing at all. Resolves once every one is either connected and
 * held, or closed by the server; `held()` counts those still open.
 */
async function slowConnections(port: number, count: number, localAddress: string, partial: boolean) {
  let closed = 0;
  let settle: (() => void) | undefined;
  const allClosed = (expected: number) =>
    new Promise<void>((resolve) => {
      settle = () => closed >= expected && resolve();
      settle();
    });
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const socket = net.connect({ port, host: '127.0.0.1', localAddress });
          attackers.push(socket);
          // Reading, so the server closing the connection is seen.
          socket.resume();
          socket.on('connect', () => {
            if (partial) socket.write('POST /dalenys/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n');
            resolve();
          });
          socket.on('error', () => resolve());
          socket.on('close', () => {
            closed += 1;
            settle?.();
            resolve();
          });
        }),
    ),
  );
  return { allClosed, held: () => attackers.filter((socket) => !socket.destroyed && socket.readyState === 'open').length };
}

interface SenderReport {
  readonly settled: number;
  readonly closed: number;
  readonly held: number;
  /** Connections the sender's own process could not open (file descriptors): none expected. */
  readonly failed: number;
}

/** Connections per sending process: far below a stock 1024 file descriptors. */
const PER_SENDER = 250;

/**
 * The same attack from processes of their own (`support/slow-attacker.ts`, a few hundred
 * connections each, all from `localAddress`: one client to the listener). The sockets are
 * then not this process's file descriptors, so the test needs no more than a stock
 * `ulimit -n` of 1024 (Node raises its soft limit to the hard one, never past it): one
 * process holding both ends of a thousand connections would run out. Resolves once every
 * connection is connected or closed and at least `closedAtLeast` were closed.
 */
async function slowConnectionsFromOtherProcesses(
  port: number,
  count: number,
  localAddress: string,
  partial: boolean,
  closedAtLeast: number,
): Promise<SenderReport> {
  const script = fileURLToPath(new URL('./support/slow-attacker.ts', import.meta.url));
  const reports: Array<SenderReport | undefined> = [];
  return new Promise((resolve, reject) => {
    for (let first = 0; first < count; first += PER_SENDER) {
      const index = reports.push(undefined) - 1;
      const size = Math.min(PER_SENDER, count - first);
      const child = fork(script, [String(port), String(size), localAddress, partial ? 'partial' : 'idle'], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      senders.push(child);
      child.on('message', (report: SenderReport) => {
        reports[index] = report;
        if (reports.some((entry) => entry === undefined)) return;
        const sum = (key: keyof SenderReport) => reports.reduce((total, entry) => total + (entry as SenderReport)[key], 0);
        const all = { settled: sum('settled'), closed: sum('closed'), held: sum('held'), failed: sum('failed') };
        if (all.closed >= closedAtLeast) resolve(all);
      });
      child.once('exit', (code) => reject(new Error(`a slow sender exited (${code}) before its connections settled`)));
    }
  });
}

/**
 * Issue 13 item 14: one client holding a thousand slow or idle connections cannot stop the
 * gateway's notifications from being answered.
 */
describe('notification listener under slow clients', () => {
  it('answers a valid notification while 1,000 slow connections from another client are open', async () => {
    const h = await startHarness(open);
    const cap = DEFAULT_LIMITS.maxConnectionsPerClient;
    // The listener closes what one client opens past its cap, at once (no timeout involved).
    const slow = await slowConnectionsFromOtherProcesses(h.port, 1_000, '127.0.0.2', true, 1_000 - cap);
    expect(slow).toMatchObject({ settled: 1_000, failed: 0, held: cap });

    const answer = await rawRequest(h.port, buildRequest({ path: '/dalenys/notify', headers: FORM, body: formEncode(signed(notificationFields())) }));
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('OK');
    expect(h.sink.calls).toHaveLength(1);
    expect(h.health.snapshot().rejected).toMatchObject({ NOTIFY_TOO_MANY_CONNECTIONS: 1_000 - cap });
  });

  it('answers while 1,000 idle connections (not a byte sent) from another client are open', async () => {
    const h = await startHarness(open);
    const slow = await slowConnectionsFromOtherProcesses(h.port, 1_000, '127.0.0.3', false, 1_000 - DEFAULT_LIMITS.maxConnectionsPerClient);
    expect(slow).toMatchObject({ settled: 1_000, failed: 0, held: DEFAULT_LIMITS.maxConnectionsPerClient });
    const answer = await rawRequest(h.port, buildRequest({ path: '/dalenys/notify', headers: FORM, body: formEncode(signed(notificationFields())) }));
    expect(answer.status).toBe(200);
  });

  it('counts an IPv4 client on a dual-stack listener by its address (::ffff:a.b.c.d), and IPv6 clients by their /64', async () => {
    const h = await startHarness(open, { host: '::', limits: { maxConnectionsPerClient: 4 } });
    // Two IPv4 senders, seen as ::ffff:127.0.0.5 and ::ffff:127.0.0.6: each has its own four.
    const first = await slowConnections(h.port, 10, '127.0.0.5', true);
    await first.allClosed(6);
    const second = await slowConnections(h.port, 10, '127.0.0.6', true);
    await second.allClosed(6);
    expect(second.held()).toBe(8);
    // ::1 is another client again.
    const ipv6 = await RawConnection.connect(h.port, '::1');
    try {
      expect((await ipv6.request(buildRequest({ path: '/dalenys/notify', headers: FORM, body: formEncode(signed(notificationFields())) }))).status).toBe(200);
    } finally {
      ipv6.destroy();
    }
    expect(h.health.snapshot().rejected).toMatchObject({ NOTIFY_TOO_MANY_CONNECTIONS: 12 });
  });

  it('closes a connection that sends nothing once the headers timeout has passed', async () => {
    const h = await startHarness(open, { limits: { headersTimeoutMs: 200, checkIntervalMs: 50 } });
    const slow = await slowConnections(h.port, 3, '127.0.0.4', false);
    await slow.allClosed(3);
    expect(slow.held()).toBe(0);
    expect(h.health.snapshot().rejected).toMatchObject({ NOTIFY_TOO_SLOW: 3 });
  });

  it('cuts an export upload whose body stops arriving (408), however long uploads may take', async () => {
    const h = await startHarness(open, {
      exportStore: { save: () => Promise.resolve({ location: 'nowhere' }) },
      authorizeExport: () => true,
      limits: { bodyIdleTimeoutMs: 200 },
    });
    const socket = net.connect({ port: h.port, host: '127.0.0.1' });
    attackers.push(socket);
    const response = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
    });
    socket.write('POST /dalenys/export HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nfirst;chunk\n');
    expect(await response).toMatch(/^HTTP\/1\.1 408 /);
  });
});
