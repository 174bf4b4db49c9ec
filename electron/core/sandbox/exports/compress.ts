import { gzipSync } from 'node:zlib';
import { zipSingleFile } from './zip.js';

/**
 * The export file as delivered: `<base>.csv.gz` (gzip) or `<base>.zip` holding `<base>.csv`.
 * BZIP is answered 1002 before we get here: Node has no bzip2 encoder and the SDK default
 * is GZIP.
 */
export type Compression = 'gzip' | 'zip';

export function compressCsv(
  baseName: string,
  csv: string,
  compression: Compression,
  epochMs: number,
): { fileName: string; content: Buffer; contentType: string } {
  const raw = Buffer.from(csv, 'utf8');
  if (compression === 'gzip') {
    return { fileName: `${baseName}.csv.gz`, content: gzipSync(raw), contentType: 'application/gzip' };
  }
  return { fileName: `${baseName}.zip`, content: zipSingleFile(`${baseName}.csv`, raw, epochMs), contentType: 'application/zip' };
}
