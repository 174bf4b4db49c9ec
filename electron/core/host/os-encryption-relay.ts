import type { OsEncryption } from '../accounts/os-vault.js';
import type { FromCoreHost, SafeStorageOp, ToCoreHost } from './host-messages.js';

type Answer = Extract<ToCoreHost, { type: 'safe-storage-answer' }>;

/**
 * safeStorage as core sees it in the utility process: each request goes to main (the only
 * process where safeStorage works) over the parent port, and its answer comes back by id.
 */
export function relayedOsEncryption(post: (message: FromCoreHost) => void, backend: string): OsEncryption & { answer(message: Answer): void } {
  let nextId = 1;
  const pending = new Map<number, (answer: Answer) => void>();
  const ask = (op: SafeStorageOp, value: string) =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (answer) => (answer.ok ? resolve(answer.value) : reject(new Error(`safeStorage ${op} failed`))));
      post({ type: 'safe-storage', id, op, value });
    });
  return {
    answer(message) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    },
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => (await ask('available', '')) === 'true',
    encryptStringAsync: async (plainText) => Buffer.from(await ask('encrypt', plainText), 'base64'),
    decryptStringAsync: async (encrypted) => ({ result: await ask('decrypt', encrypted.toString('base64')), shouldReEncrypt: false }),
  };
}
