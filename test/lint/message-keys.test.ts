import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messagesEn } from '../../renderer/src/i18n/messages-en.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sourceDir = join(root, 'renderer', 'src');

/** The renderer's code, the message catalogs left out. */
function rendererCode(): string {
  return readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/i18n[/\\]messages(-[a-z]+)?\.ts$/.test(file))
    .map((file) => readFileSync(join(sourceDir, file), 'utf8'))
    .join('\n');
}

/** Whether `code` names the message `key`: written out, or built from a prefix (`brand.${brand}`). */
function namesKey(code: string, key: string, prefixes: readonly string[]): boolean {
  return code.includes(`'${key}'`) || code.includes(`"${key}"`) || prefixes.some((prefix) => key.startsWith(prefix));
}

/**
 * No dead UI text: every message the catalogs define is shown somewhere. The counterpart of
 * knip (in `npm run lint`) for message keys, which knip cannot see. A key built at run time
 * counts as used when the code builds keys with its prefix.
 */
describe('message keys', () => {
  it('are each used by the renderer', () => {
    const code = rendererCode();
    const prefixes = [...new Set([...code.matchAll(/`([a-zA-Z0-9_.]+\.)\$\{/g)].map((match) => match[1] as string))];
    const unused = Object.keys(messagesEn).filter((key) => !namesKey(code, key, prefixes));
    expect(unused).toEqual([]);
  });

  it('are recognised written out or built from a prefix, and not otherwise', () => {
    const code = 'intl.formatMessage({ id: \'app.title\' }); <Page title="nav.label" />; intl.formatMessage({ id: `brand.${brand}` });';
    expect(namesKey(code, 'app.title', ['brand.'])).toBe(true);
    expect(namesKey(code, 'nav.label', ['brand.'])).toBe(true);
    expect(namesKey(code, 'brand.visa', ['brand.'])).toBe(true);
    expect(namesKey(code, 'app.tagline', ['brand.'])).toBe(false);
    expect(namesKey(code, 'app.titles', ['brand.'])).toBe(false);
  });
});
