import { gunzipSync, unzipSync } from 'fflate';
import unbzip2Stream from 'unbzip2-stream';
import { CoreError } from '../errors.js';

/**
 * A Dalenys export file as delivered (fact sheet section 8: a CSV, compressed with zip, gzip
 * or bzip2, or already unpacked by the operator) to its CSV text. The compression is told by
 * the file's first bytes, never by its name. The byte-order mark of the older files goes.
 */
export type Compression = 'none' | 'gzip' | 'zip' | 'bzip2';

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

function compressionOf(bytes: Uint8Array): Compression {
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) return 'bzip2';
  return 'none';
}

function unreadable(detail: string): CoreError {
  return new CoreError('RECONCILE_UNREADABLE_FILE', `This file cannot be read as a Dalenys export: ${detail}.`);
}

/** unbzip2-stream is an old-style `through` stream: it reports bad data by event, or by throwing from write. */
function bunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const fail = (error: unknown) => reject(unreadable(`damaged bzip2 data (${(error as Error).message})`));
    const stream = unbzip2Stream();
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', fail);
    try {
      stream.end(Buffer.from(bytes));
    } catch (error) {
      fail(error);
    }
  });
}

async function unpack(bytes: Uint8Array, compression: Compression): Promise<Uint8Array> {
  switch (compression) {
    case 'none':
      return bytes;
    case 'gzip':
      try {
        return gunzipSync(bytes);
      } catch (error) {
        throw unreadable(`damaged gzip data (${(error as Error).message})`);
      }
    case 'zip': {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(bytes);
      } catch (error) {
        throw unreadable(`damaged zip archive (${(error as Error).message})`);
      }
      const files = Object.entries(entries).filter(([name]) => !name.endsWith('/'));
      if (files.length !== 1) throw unreadable(`a zip archive holding ${files.length} files, not one CSV`);
      return (files[0] as [string, Uint8Array])[1];
    }
    case 'bzip2':
      return bunzip(bytes);
  }
}

export async function readExportText(bytes: Uint8Array): Promise<{ text: string; compression: Compression }> {
  if (bytes.length === 0) throw unreadable('the file is empty');
  const compression = compressionOf(bytes);
  const plain = await unpack(bytes, compression);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw unreadable('the text is not UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, compression };
}
