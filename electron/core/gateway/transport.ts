import axios, { type AxiosInstance } from 'axios';
import { classifyFailure, type AttemptFailure } from './network-errors.js';
import { createAgents, type GatewayAgents } from './socket-agents.js';

/**
 * One axios instance per account, on its own keep-alive agents. A single attempt on a single
 * host: it never retries and never throws for network trouble; it answers with the HTTP
 * response or with how far the request may have got.
 */
export interface GatewayTimeouts {
  /** DNS + TCP + TLS until the socket is ready. */
  readonly connectMs: number;
  /** The whole attempt, from sending to the last byte of the answer. */
  readonly totalMs: number;
}

export const DEFAULT_TIMEOUTS: GatewayTimeouts = { connectMs: 10_000, totalMs: 30_000 };

export type AttemptOutcome = { readonly kind: 'response'; readonly status: number; readonly body: string } | AttemptFailure;

export interface TransportOptions {
  readonly timeouts: GatewayTimeouts;
  readonly userAgent?: string;
  /** getTransactions answers can be large; anything beyond this is cut and unreadable. */
  readonly maxResponseBytes?: number;
}

export class GatewayTransport {
  private readonly agents: GatewayAgents;
  private readonly http: AxiosInstance;
  private readonly totalMs: number;

  constructor(options: TransportOptions) {
    this.totalMs = options.timeouts.totalMs;
    this.agents = createAgents({ connectMs: Math.min(options.timeouts.connectMs, options.timeouts.totalMs) });
    this.http = axios.create({
      // Failure classification depends on Node's http client; never let axios pick fetch/xhr.
      adapter: 'http',
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      // A proxy would blur "refused by the gateway" into "refused by the proxy".
      proxy: false,
      maxRedirects: 0,
      // axios' own timeout is an idle timer per socket; the total budget is ours (below).
      timeout: 0,
      responseType: 'text',
      responseEncoding: 'utf8',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxContentLength: options.maxResponseBytes ?? 32 * 1024 * 1024,
      maxBodyLength: 1024 * 1024,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
        Accept: 'application/json',
        'User-Agent': options.userAgent ?? 'Comptoir',
      },
    });
  }

  async post(url: string, body: string): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.totalMs);
    try {
      const response = await this.http.post<unknown>(url, body, { signal: controller.signal });
      const data = response.data;
      return { kind: 'response', status: response.status, body: typeof data === 'string' ? data : '' };
    } catch (error) {
      return classifyFailure(error, { timedOut, secure: url.startsWith('https:') });
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.agents.destroy();
  }
}
