import { chmod, mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * Replaces a secrets file whole: owner-only (0600), written to a temporary file, fsynced and
 * renamed, so a crash leaves the old file or the new one, never half of either.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  const handle = await open(temporary, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await chmod(file, 0o600);
}

/**
 * Reads a vault file: `absent` when there is none yet, `damaged` when it is not what `schema`
 * says (the file is left as it is, for a person to look at), else its content.
 */
export async function readPrivateJson<T>(file: string, schema: z.ZodType<T>): Promise<{ kind: 'absent' } | { kind: 'damaged' } | { kind: 'read'; value: T }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
  try {
    return { kind: 'read', value: schema.parse(JSON.parse(text)) };
  } catch {
    return { kind: 'damaged' };
  }
}
