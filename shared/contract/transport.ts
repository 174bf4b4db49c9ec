import type { Result } from './result.js';

/**
 * What every transport (Electron IPC, web bridge, in-memory) offers the renderer. It is
 * deliberately untyped at this level: the typed client (`client.ts`) is built on top, and
 * core validates whatever arrives, because a transport carries data from a less trusted side.
 */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}
