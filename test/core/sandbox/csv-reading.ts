import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';

/** Test-side readers for the export files, written independently of the sandbox's writers. */
export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[]; bom: boolean } {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rest] = records;
  return { header, bom, rows: rest.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? '']))) };
}

/** Reads a single-entry zip through its central directory and checks the CRC. */
export function unzipSingle(zip: Buffer): { name: string; content: Buffer } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  if (zip.readUInt16LE(eocd + 10) !== 1) throw new Error('expected one entry');
  const central = zip.readUInt32LE(eocd + 16);
  if (zip.readUInt32LE(central) !== 0x02014b50) throw new Error('bad central header');
  const method = zip.readUInt16LE(central + 10);
  const crc = zip.readUInt32LE(central + 16);
  const compressedSize = zip.readUInt32LE(central + 20);
  const size = zip.readUInt32LE(central + 24);
  const nameLength = zip.readUInt16LE(central + 28);
  const localOffset = zip.readUInt32LE(central + 42);
  const name = zip.subarray(central + 46, central + 46 + nameLength).toString('utf8');
  if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error('bad local header');
  const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const data = zip.subarray(dataStart, dataStart + compressedSize);
  const content = method === 8 ? inflateRawSync(data) : Buffer.from(data);
  if (content.length !== size || crc32(content) !== crc) throw new Error('size or CRC mismatch');
  return { name, content };
}

export function gunzipText(file: Buffer): string {
  return gunzipSync(file).toString('utf8');
}
