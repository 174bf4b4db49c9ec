import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signParams } from '../../../electron/core/gateway/signature.js';
import { NotificationHealth } from '../../../electron/core/notifications/health.js';
import { startNotificationListener, type NotificationListener } from '../../../electron/core/notifications/listener.js';
import type { Database } from 'better-sqlite3';
import { NotificationWriter, type Journal } from '../../../electron/core/journal/index.js';
import { mulberry32 } from '../../bench/seed/seed.js';
import { journalSink } from '../../../electron/core/payments/notification-sink.js';
import { capturingLogger, openTempJournal, seedAnsweredPayments, type TempJournal } from './support/journal-fixture.js';
import { ACCOUNT, PASSWORD, formEncode, notificationFields, type Params } from './support/notifications.js';
import { RawConnection, buildRequest, type RawResponse } from './support/raw-http.js';
import { keptNotifications } from '../../support/journal-sql.js';

/**
 * 100,000 random and malformed requests against one listener wired to the production sink
 * (`journalSink` over a real SQLite journal), with valid notifications (1 in 100) and replays
 * of them mixed in. The listener must answer every request with the status its kind calls
 * for, stay up, and change the journal only through the valid ones, each exactly once.
 * Seeded, so a failure can be replayed with FUZZ_SEED.
 */

const TOTAL = 100_000;
const SOCKETS = 64;
const SLOW_SENDERS = 4;
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const BODY_CAP = 16 * 1024;

const random = mulberry32(SEED);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

interface Job {
  readonly kind: string;
  readonly bytes: Buffer;
  readonly expect: readonly number[];
  readonly validIndex?: number;
}

const VALID_OPS = 1_000;
/** About 1 request in 100 is valid; twice that leaves room for the fresh one sent after. */
const OPERATIONS = VALID_OPS * 2;
let nextValid = 0;
const sentValid: number[] = [];

function validFields(i: number): Params {
  return notificationFields({ TRANSACTIONID: `FZ-${i}`, ORDERID: `FZO-${i}`, AMOUNT: String(100 + i) });
}

function sign(fields: Params): Params {
  return { ...fields, HASH: signParams(fields, PASSWORD) };
}

function randomFields(): Params {
  return notificationFields({ TRANSACTIONID: `R-${hex(8)}`, ORDERID: `RO-${hex(6)}`, EXECCODE: pick(['0000', '4001', '0001', '5004']) });
}

function post(body: string | Buffer, headers: Record<string, string | number> = FORM, path = '/dalenys/notify'): Buffer {
  return buildRequest({ path, headers, body });
}

function asGetOrPost(params: Params): Buffer {
  const encoded = formEncode(params);
  return random() < 0.3 ? buildRequest({ method: 'GET', path: `/dalenys/notify?${encoded}` }) : post(encoded);
}

const RANDOM_BODY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=&%+[]_-.é~';

const generators: Array<[weight: number, make: () => Job]> = [
  [
    1,
    () => {
      const i = nextValid++;
      sentValid.push(i);
      return { kind: 'valid', bytes: asGetOrPost(sign(validFields(i))), expect: [200], validIndex: i };
    },
  ],
  [
    0.5,
    () => {
      if (sentValid.length === 0) return { kind: 'bad-hash', bytes: post(formEncode({ ...randomFields(), HASH: hex(64) })), expect: [403] };
      const i = pick(sentValid);
      return { kind: 'replay', bytes: asGetOrPost(sign(validFields(i))), expect: [200], validIndex: i };
    },
  ],
  [10, () => ({ kind: 'bad-hash', bytes: asGetOrPost({ ...validFields(int(VALID_OPS)), HASH: hex(64) }), expect: [403] })],
  [
    5,
    () => {
      const params = sign(validFields(int(VALID_OPS)));
      return { kind: 'tampered', bytes: asGetOrPost({ ...params, EXECCODE: '4001' }), expect: [403] };
    },
  ],
  [5, () => ({ kind: 'unsigned', bytes: asGetOrPost(validFields(int(VALID_OPS))), expect: [403] })],
  [
    8,
    () => {
      const fields = validFields(int(VALID_OPS));
      delete fields[pick(['IDENTIFIER', 'EXECCODE', 'OPERATIONTYPE'])];
      return { kind: 'missing-field', bytes: asGetOrPost(sign(fields)), expect: [400] };
    },
  ],
  [5, () => ({ kind: 'unknown-account', bytes: asGetOrPost(sign({ ...randomFields(), IDENTIFIER: `X-${hex(6)}` })), expect: [404] })],
  [
    8,
    () => {
      const broken = pick(['%', '%4', '%zz', '%G0', '%%41', '%C3%28', '%E2%82', '%FF', '%ED%A0%80', '%00']);
      // The `x` after the broken escape keeps random hex from completing it into a valid one.
      const body = `${formEncode(sign(validFields(int(VALID_OPS))))}&EXTRADATA=${hex(3)}${broken}x${hex(2)}`;
      return { kind: 'broken-percent', bytes: random() < 0.5 ? post(body) : buildRequest({ method: 'GET', path: `/dalenys/notify?${body}` }), expect: [400] };
    },
  ],
  [
    6,
    () => {
      const bad = pick([[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80], [0x80]]);
      const body = Buffer.concat([Buffer.from(`${formEncode(sign(validFields(int(VALID_OPS))))}&MESSAGE=`), Buffer.from(bad)]);
      return { kind: 'invalid-utf8', bytes: post(body), expect: [400] };
    },
  ],
  [
    4,
    () => {
      const body = `${formEncode(sign(validFields(int(VALID_OPS))))}&AMOUNT=${int(10_000) + 100_000}`;
      return { kind: 'duplicate-key', bytes: post(body), expect: [400] };
    },
  ],
  [
    5,
    () => {
      const method = pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']);
      const body = method === 'TRACE' ? '' : formEncode(sign(validFields(int(VALID_OPS))));
      return { kind: 'wrong-method', bytes: buildRequest({ method, path: '/dalenys/notify', headers: body ? FORM : {}, body }), expect: [405] };
    },
  ],
  [1, () => ({ kind: 'unknown-method', bytes: buildRequest({ method: `X${hex(4).toUpperCase()}`, path: '/dalenys/notify' }), expect: [400] })],
  [
    6,
    () => {
      const path = pick([
        '/',
        '/dalenys',
        '/dalenys/notify/',
        '/DALENYS/NOTIFY',
        '/admin',
        `/${hex(int(40) + 1)}`,
        `/dalenys/notify/${hex(4)}`,
        '/favicon.ico',
      ]);
      return { kind: 'random-path', bytes: post(formEncode(sign(validFields(int(VALID_OPS)))), FORM, path), expect: [404] };
    },
  ],
  [
    3,
    () => ({
      kind: 'wrong-type',
      bytes: post(formEncode(sign(validFields(int(VALID_OPS)))), {
        'Content-Type': pick(['text/plain', 'application/json', 'multipart/form-data; boundary=x']),
      }),
      expect: [415],
    }),
  ],
  [
    2,
    () => {
      const headers: Record<string, string> = { ...FORM };
      for (let i = 0, n = 80 + int(200); i < n; i += 1) headers[`X-Flood-${i}`] = hex(8);
      return { kind: 'header-flood', bytes: post(formEncode({ ...randomFields(), HASH: hex(64) }), headers), expect: [403] };
    },
  ],
  [1, () => ({ kind: 'header-overflow', bytes: post('A=1', { ...FORM, 'X-Big': 'b'.repeat(20_000 + int(5_000)) }), expect: [431] })],
  [
    1,
    () => {
      const head = `POST /dalenys/notify HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${10_000_000 + int(1e6)}\r\n\r\n`;
      return { kind: 'huge-declared', bytes: Buffer.from(head + 'IDENTIFIER='.padEnd(512, 'x')), expect: [413] };
    },
  ],
  [
    0.5,
    () => {
      const head = 'POST /dalenys/notify HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n';
      const chunk = `2000\r\n${'A'.repeat(0x2000)}\r\n`;
      // The server may reset the connection while the rest of the body is still in flight.
      return { kind: 'huge-chunked', bytes: Buffer.from(head + chunk.repeat(3)), expect: [413, 0] };
    },
  ],
  [
    1,
    () => {
      const count = 300 + int(100);
      return { kind: 'too-many-params', bytes: post(Array.from({ length: count }, (_, i) => `K${i}=${i}`).join('&')), expect: [400] };
    },
  ],
  [
    10,
    () => {
      const length = int(400);
      let text = '';
      for (let i = 0; i < length; i += 1) text += RANDOM_BODY_ALPHABET[int(RANDOM_BODY_ALPHABET.length)];
      return { kind: 'random-body', bytes: post(text), expect: [400, 403, 404] };
    },
  ],
  [
    1,
    () => {
      const junk = Buffer.from(Array.from({ length: 5 + int(60) }, () => int(256)));
      junk[0] = 0x01;
      return { kind: 'garbage', bytes: Buffer.concat([junk, Buffer.from('\r\n\r\n')]), expect: [400] };
    },
  ],
];

const totalWeight = generators.reduce((sum, [w]) => sum + w, 0);
function nextJob(): Job {
  let r = random() * totalWeight;
  for (const [weight, make] of generators) {
    r -= weight;
    if (r < 0) return make();
  }
  return (generators[0] as [number, () => Job])[1]();
}

function withWatchdog(promise: Promise<RawResponse>, ms: number): Promise<RawResponse | 'stuck'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<'stuck'>((resolve) => {
      timer = setTimeout(() => resolve('stuck'), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

interface OperationSnapshot {
  readonly view: string;
  readonly events: string;
  readonly status: string;
  readonly execCode: string | null;
  readonly transactionId: string | null;
  readonly eventKinds: readonly string[];
}

function snapshotOperation(journal: Journal, id: number): OperationSnapshot {
  const view = journal.getOperation(id);
  if (!view) throw new Error(`operation ${id} is gone`);
  const events = journal.listEvents(id);
  return {
    view: JSON.stringify(view),
    events: JSON.stringify(events),
    status: view.status,
    execCode: view.execCode,
    transactionId: view.transactionId,
    eventKinds: events.map((e) => e.kind),
  };
}

/** Rows the listener must never touch, read straight from the file. */
function untouchedTables(db: Database): string {
  return JSON.stringify(db.prepare('SELECT * FROM accounts ORDER BY id').all());
}

describe('notification listener under fuzzing, recording into the journal', () => {
  const health = new NotificationHealth({ coalesceMs: 0 });
  const { logger, lines: warnings } = capturingLogger();
  let temp: TempJournal;
  let journal: Journal;
  let ids: number[];
  let listener: NotificationListener;
  let writer: NotificationWriter;

  beforeAll(async () => {
    temp = await openTempJournal(ACCOUNT);
    journal = temp.journal;
    ids = seedAnsweredPayments(
      temp,
      temp.account.id,
      Array.from({ length: OPERATIONS }, (_, i) => ({ orderId: `FZO-${i}`, transactionId: `FZ-${i}`, amount: 100 + i })),
      'fuzz',
    );
    listener = await startNotificationListener({
      secrets: { passwordFor: (id) => (id === ACCOUNT ? PASSWORD : undefined) },
      // As the app runs it: batches written by the writer thread on its own connection.
      sink: journalSink((writer = new NotificationWriter({ file: journal.file })), logger, () => undefined),
      health,
      limits: {
        maxBodyBytes: BODY_CAP,
        maxHeaderBytes: 16 * 1024,
        headersTimeoutMs: 1_000,
        requestTimeoutMs: 5_000,
        bodyTimeoutMs: 1_000,
        checkIntervalMs: 200,
        maxConnections: 512,
      },
    });
  });

  afterAll(async () => {
    await listener?.close();
    await writer?.close();
    await temp?.close();
  });

  it(`answers ${TOTAL} random and malformed requests as their kind calls for, stays up, and applies each valid notification once`, async () => {
    const before = ids.map((id) => snapshotOperation(journal, id));
    const operationsBefore = journal.count();
    const accountsBefore = untouchedTables(temp.db);
    expect(keptNotifications(temp.db)).toEqual([]);

    const started = Date.now();
    const failures: string[] = [];
    const byKind = new Map<string, number>();
    let issued = 0;
    let reconnects = 0;

    const slow = await Promise.all(Array.from({ length: SLOW_SENDERS }, () => RawConnection.connect(listener.port)));
    const slowResponses = slow.map((conn) => {
      const response = conn.next();
      void conn.dribble(Buffer.from(`POST /dalenys/notify HTTP/1.1\r\nHost: x\r\n${'X-Slow: 1\r\n'.repeat(2_000)}`), 3, 100);
      return response;
    });

    async function worker(): Promise<void> {
      let conn: RawConnection | undefined;
      while (issued < TOTAL) {
        issued += 1;
        const job = nextJob();
        byKind.set(job.kind, (byKind.get(job.kind) ?? 0) + 1);
        if (!conn || conn.closed) {
          conn = await RawConnection.connect(listener.port);
          reconnects += 1;
        }
        const res = await withWatchdog(conn.request(job.bytes), 10_000);
        if (res === 'stuck' || !job.expect.includes(res.status)) {
          if (failures.length < 20)
            failures.push(`${job.kind}: got ${res === 'stuck' ? 'no answer' : `${res.status} ${res.body}`}, expected ${job.expect.join('|')}`);
          conn.destroy();
          conn = undefined;
          continue;
        }
        if (res.closing) {
          conn.destroy();
          conn = undefined;
        }
      }
      conn?.destroy();
    }

    await Promise.all(Array.from({ length: SOCKETS }, () => worker()));
    const seconds = (Date.now() - started) / 1000;

    const slowResults = await Promise.all(slowResponses.map((p) => withWatchdog(p, 10_000)));
    await Promise.all(slow.map((c) => c.whenClosed()));

    console.log(
      `fuzz seed=${SEED}: ${issued} requests in ${seconds.toFixed(1)} s (${Math.round(issued / seconds)}/s), ${reconnects} connections;`,
      Object.fromEntries([...byKind.entries()].sort()),
    );

    expect(failures).toEqual([]);
    expect(issued).toBeGreaterThanOrEqual(TOTAL);
    expect(slowResults.map((r) => (r === 'stuck' ? 'stuck' : r.status))).toEqual(slow.map(() => 408));
    expect(slow.every((c) => c.closed)).toBe(true);

    // The journal changed only through the valid notifications, each exactly once.
    const validSent = new Set(sentValid);
    expect(validSent.size).toBeGreaterThan(TOTAL / 200);
    expect(nextValid).toBeLessThan(OPERATIONS);
    expect(byKind.get('replay') ?? 0).toBeGreaterThan(0);
    expect(journal.count()).toBe(operationsBefore);
    expect(untouchedTables(temp.db)).toBe(accountsBefore);
    ids.forEach((id, index) => {
      const was = before[index] as OperationSnapshot;
      const now = snapshotOperation(journal, id);
      if (!validSent.has(index)) {
        expect(now, `FZO-${index}`).toEqual(was);
        return;
      }
      expect(now.eventKinds, `FZO-${index}`).toEqual([...was.eventKinds, 'notification']);
      expect([now.status, now.execCode, now.transactionId], `FZO-${index}`).toEqual([was.status, was.execCode, was.transactionId]);
      const notified = journal.listEvents(id).at(-1);
      expect(notified?.payload, `FZO-${index}`).toMatchObject({ execCode: '0000', transactionId: `FZ-${index}` });
    });
    const notifications = temp.db.prepare('SELECT applied, apply_error AS error, count(*) AS n FROM notifications GROUP BY 1, 2').all();
    expect(notifications).toEqual([{ applied: 1, error: null, n: validSent.size }]);
    expect(keptNotifications(temp.db)).toEqual([]);
    expect(warnings).toEqual([]);

    const snapshot = await health.flush();
    expect(snapshot.accepted).toBe(validSent.size);
    expect(snapshot.duplicates).toBe(byKind.get('replay') ?? 0);

    // Still up and still correct.
    expect(listener.state).toBe('listening');
    const after = await RawConnection.connect(listener.port);
    const fresh = nextValid++;
    const res = await after.request(post(formEncode(sign(validFields(fresh)))));
    after.destroy();
    expect(res.status).toBe(200);
    expect(res.body).toBe('OK');
    expect(journal.listEvents(ids[fresh] as number).map((e) => e.kind)).toEqual([...(before[fresh] as OperationSnapshot).eventKinds, 'notification']);
  }, 120_000);
});
