import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';

/**
 * Opens an export file as the sandbox delivers it (gzip, or a single-entry zip), for a
 * CALLBACKURL listener or a test: `readExportFile(body, contentTypeOrFileName)` gives the CSV
 * text. Real Dalenys files may differ; this reads what the sandbox writes, plus any plain
 * single-entry zip (stored or deflated, no zip64).
 */
class ExportFileError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ExportFileError';
  }
}

function unzipFirstEntry(zip: Buffer): { name: string; content: Buffer } {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) throw new ExportFileError('not a zip archive');
  const central = zip.readUInt32LE(end + 16);
  if (central + 46 > zip.length || zip.readUInt32LE(central) !== 0x02014b50) throw new ExportFileError('damaged zip directory');
  const method = zip.readUInt16LE(central + 10);
  const crc = zip.readUInt32LE(central + 16);
  const compressedSize = zip.readUInt32LE(central + 20);
  const nameLength = zip.readUInt16LE(central + 28);
  const local = zip.readUInt32LE(central + 42);
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new ExportFileError('damaged zip entry');
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + compressedSize);
  let content: Buffer;
  if (method === 0) content = Buffer.from(data);
  else if (method === 8) content = inflateRawSync(data);
  else throw new ExportFileError(`unsupported zip method ${method}`);
  if (crc32(content) !== crc) throw new ExportFileError('zip checksum mismatch');
  return { name: zip.subarray(central + 46, central + 46 + nameLength).toString('utf8'), content };
}

export function readExportFile(file: Buffer, contentTypeOrFileName: string): { csv: string; entryName?: string } {
  const hint = contentTypeOrFileName.toLowerCase();
  let content: Buffer;
  let entryName: string | undefined;
  if (hint.includes('zip') && !hint.includes('gzip')) {
    const entry = unzipFirstEntry(file);
    content = entry.content;
    entryName = entry.name;
  } else if (hint.includes('gzip') || hint.endsWith('.gz')) {
    try {
      content = gunzipSync(file);
    } catch {
      throw new ExportFileError('not a gzip file');
    }
  } else {
    throw new ExportFileError('unknown compression');
  }
  const csv = content.toString('utf8');
  return entryName === undefined ? { csv } : { csv, entryName };
}
