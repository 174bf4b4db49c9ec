import type { Result } from './result.js';

/**
 * Core as a transport adapter reaches it: in the same process (web bridge, tests) or across a
 * process boundary (Electron's utility process). The caller's identity is fixed by the host,
 * not passed per call, so a renderer cannot claim a role.
 */
export interface CoreLink {
  invoke(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}
