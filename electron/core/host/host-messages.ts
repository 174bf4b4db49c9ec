import type { Result } from '../../../shared/contract/result.js';

/** Messages between the Electron main process and the core host (a utility process). */
export type ToCoreHost =
  | { readonly type: 'start'; readonly dataDir: string; readonly version: string; readonly electronVersion: string | null }
  | {
      readonly type: 'invoke';
      readonly id: number;
      /** The window the call came from, as main knows it: core runs the call as whoever is signed in there. */
      readonly session: string;
      readonly channel: unknown;
      readonly payload: unknown;
    };

export type FromCoreHost =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'event'; readonly name: string; readonly payload: unknown };
