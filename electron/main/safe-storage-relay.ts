import type { FromCoreHost, ToCoreHost } from '../core/host/host-messages.js';

/** The part of Electron's safeStorage (asynchronous API) the relay uses; a stand-in in tests. */
export interface SafeStorageApi {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string }>;
}

interface CoreChild {
  postMessage(message: ToCoreHost): void;
  on(event: 'message', listener: (message: FromCoreHost) => void): unknown;
}

/**
 * Answers core's safeStorage requests (core runs in a utility process, where safeStorage does
 * not). Only the child main forked can ask; a failure is answered as one, with no detail.
 */
export function answerSafeStorage(child: CoreChild, safeStorage: SafeStorageApi): void {
  child.on('message', (message) => {
    if (message.type !== 'safe-storage') return;
    const work = async (): Promise<string> => {
      switch (message.op) {
        case 'available':
          return String(await safeStorage.isAsyncEncryptionAvailable());
        case 'encrypt':
          return (await safeStorage.encryptStringAsync(message.value)).toString('base64');
        case 'decrypt':
          return (await safeStorage.decryptStringAsync(Buffer.from(message.value, 'base64'))).result;
      }
    };
    work().then(
      (value) => child.postMessage({ type: 'safe-storage-answer', id: message.id, ok: true, value }),
      () => child.postMessage({ type: 'safe-storage-answer', id: message.id, ok: false, value: '' }),
    );
  });
}
