import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CoreError } from '../errors.js';
import { parseExportLines } from './export-lines.js';
import { readExportText } from './read-file.js';
import { contentHash, type ImportResult, type ReconciliationStore } from './reconciliation-store.js';

/** Dalenys files are a few MB a month; far larger is not one of theirs. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** One import, from a file on disk: what the screen, the listener's files and `npm run reconcile` all call. */
export async function importReconciliationFile(
  store: ReconciliationStore,
  file: string,
  options: { readonly accountIds: readonly number[] | null; readonly operator: string | null },
): Promise<ImportResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CoreError('RECONCILE_UNREADABLE_FILE', `This file cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  if (bytes.length > MAX_FILE_BYTES) throw new CoreError('RECONCILE_UNREADABLE_FILE', 'This file is too large to be a Dalenys export.');
  const { text } = await readExportText(bytes);
  const hash = contentHash(text);
  const earlier = store.findImport(hash);
  if (earlier) return earlier;
  const { layout, lines } = parseExportLines(text);
  return store.import({ hash, fileName: basename(file), layout, lines, accountIds: options.accountIds, operator: options.operator });
}
