import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Background } from '../background.js';
import type { SandboxClock } from '../sandbox-clock.js';
import { send, SendError } from '../http-send.js';
import type { DeliveryAttempt, NotificationPolicy } from '../types.js';

/**
 * Delivers an export file.
 * - CALLBACKURL: an HTTP POST whose **raw body is the compressed file**
 *   (`Content-Type: application/gzip` or `application/zip`,
 *   `Content-Disposition: attachment; filename="<file>"`, plus `X-Export-Method` and
 *   `X-Export-Identifier` headers). Any 2xx answer counts as delivered; otherwise it is
 *   retried with the notification back-off.
 * - MAILTO: the file is written to the outbox folder (if one is configured) with a
 *   `<file>.json` envelope `{to, subject, fileName, identifier, method, createdAt}`; both
 *   written atomically (temporary name, then rename) so a watcher never sees half a file.
 */
export interface CallbackDelivery {
  readonly url: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
  readonly method: string;
  readonly identifier: string;
}

async function writeAtomically(path: string, data: Buffer | string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

export async function deliverToCallback(
  delivery: CallbackDelivery,
  policy: NotificationPolicy,
  background: Background,
  clock: SandboxClock,
  onAttempt: (attempt: DeliveryAttempt) => void,
): Promise<boolean> {
  const attempts = Math.max(1, policy.attempts);
  for (let i = 0; i < attempts; i += 1) {
    const at = clock();
    let attempt: DeliveryAttempt;
    try {
      const result = await send(delivery.url, {
        method: 'POST',
        timeoutMs: policy.timeoutMs,
        signal: background.signal,
        headers: {
          'Content-Type': delivery.contentType,
          'Content-Length': delivery.content.length,
          'Content-Disposition': `attachment; filename="${delivery.fileName}"`,
          'X-Export-Method': delivery.method,
          'X-Export-Identifier': delivery.identifier,
        },
        body: delivery.content,
      });
      attempt = { at, ok: result.status >= 200 && result.status < 300, status: result.status, detail: result.body.slice(0, 200) };
    } catch (error) {
      attempt = { at, ok: false, detail: error instanceof SendError ? error.code : 'ERROR' };
    }
    onAttempt(attempt);
    if (attempt.ok) return true;
    if (i === attempts - 1) return false;
    await background.sleep(policy.intervalsMs[Math.min(i, policy.intervalsMs.length - 1)] ?? 1000);
  }
  return false;
}

export interface MailDelivery {
  readonly outboxDir: string;
  readonly to: string;
  readonly fileName: string;
  readonly content: Buffer;
  readonly method: string;
  readonly identifier: string;
  readonly createdAt: number;
}

/** Returns the path of the written file. */
export async function deliverToOutbox(delivery: MailDelivery): Promise<string> {
  await mkdir(delivery.outboxDir, { recursive: true });
  const path = join(delivery.outboxDir, delivery.fileName);
  await writeAtomically(path, delivery.content);
  const envelope = {
    to: delivery.to,
    subject: `Dalenys ${delivery.method} export`,
    fileName: delivery.fileName,
    identifier: delivery.identifier,
    method: delivery.method,
    createdAt: new Date(delivery.createdAt).toISOString(),
  };
  await writeAtomically(`${path}.json`, `${JSON.stringify(envelope, null, 1)}\n`);
  return path;
}
