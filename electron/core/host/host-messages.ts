import type { Result } from '../../../shared/contract/result.js';

/** Messages between the Electron main process and the core host (a utility process). */
export type ToCoreHost =
  | {
      readonly type: 'start';
      readonly dataDir: string;
      readonly version: string;
      readonly electronVersion: string | null;
      /** The desktop vault: safeStorage's backend, as main read it (`basic_text` needs consent). */
      readonly osVault?: { readonly backend: string };
    }
  | {
      readonly type: 'invoke';
      readonly id: number;
      /** The window the call came from, as main knows it: core runs the call as whoever is signed in there. */
      readonly session: string;
      readonly channel: unknown;
      readonly payload: unknown;
    }
  /** Main's answer to a safeStorage request: `value` is base64 (encrypt), text (decrypt) or 'true'/'false'. */
  | { readonly type: 'safe-storage-answer'; readonly id: number; readonly ok: boolean; readonly value: string };

/** What core asks of safeStorage, which only main may use. */
export type SafeStorageOp = 'available' | 'encrypt' | 'decrypt';

export type FromCoreHost =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'event'; readonly name: string; readonly payload: unknown }
  | { readonly type: 'safe-storage'; readonly id: number; readonly op: SafeStorageOp; readonly value: string };
