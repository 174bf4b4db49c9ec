import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

/**
 * Keep-alive agents that remember how far each socket got. Failover is allowed only when the
 * request certainly never reached the gateway, and the one certain sign is that the socket
 * never became ready: before TCP `connect` (plain) or TLS `secureConnect`, Node buffers the
 * request and not one byte of it has left the machine.
 *
 * The connect timeout lives here too (axios has none): it covers DNS, TCP and TLS, and ends
 * in a socket that never became ready, so it is a "never sent" case as well.
 */
export type SocketPhase = 'connecting' | 'ready';

const phases = new WeakMap<object, SocketPhase>();

export function socketPhase(socket: unknown): SocketPhase | undefined {
  return typeof socket === 'object' && socket !== null ? phases.get(socket) : undefined;
}

export const CONNECT_TIMEOUT_CODE = 'GATEWAY_CONNECT_TIMEOUT';

class ConnectTimeoutError extends Error {
  readonly code = CONNECT_TIMEOUT_CODE;
  constructor(ms: number) {
    super(`connection not established within ${ms} ms`);
    this.name = 'ConnectTimeoutError';
  }
}

function track(socket: Duplex | null | undefined, readyEvent: 'connect' | 'secureConnect', connectMs: number): void {
  if (!socket) return;
  phases.set(socket, 'connecting');
  const timer = setTimeout(() => socket.destroy(new ConnectTimeoutError(connectMs)), connectMs);
  timer.unref();
  socket.once(readyEvent, () => {
    phases.set(socket, 'ready');
    clearTimeout(timer);
  });
  socket.once('close', () => clearTimeout(timer));
}

export interface AgentOptions {
  readonly connectMs: number;
  /** Idle keep-alive sockets are closed after this (a server hint, when shorter, wins). */
  readonly idleMs?: number;
  readonly maxSockets?: number;
}

function baseOptions(options: AgentOptions): http.AgentOptions {
  return {
    keepAlive: true,
    keepAliveMsecs: 1_000,
    timeout: options.idleMs ?? 4_000,
    maxSockets: options.maxSockets ?? 16,
    maxFreeSockets: options.maxSockets ?? 16,
    scheduling: 'lifo',
  };
}

class TrackingHttpAgent extends http.Agent {
  constructor(
    private readonly connectMs: number,
    options: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    track(socket, 'connect', this.connectMs);
    return socket;
  }
}

class TrackingHttpsAgent extends https.Agent {
  constructor(
    private readonly connectMs: number,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    track(socket, 'secureConnect', this.connectMs);
    return socket;
  }
}

export interface GatewayAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  destroy(): void;
}

export function createAgents(options: AgentOptions): GatewayAgents {
  const httpAgent = new TrackingHttpAgent(options.connectMs, baseOptions(options));
  // Certificate checks can't be turned off by configuration: there is no option for it.
  const httpsAgent = new TrackingHttpsAgent(options.connectMs, {
    ...baseOptions(options),
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  });
  return {
    http: httpAgent,
    https: httpsAgent,
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
