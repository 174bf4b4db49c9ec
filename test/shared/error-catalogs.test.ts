import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGS, ERRORS, errorText } from '../../shared/errors/index.js';

describe('error catalogs', () => {
  it('declare each code once, in UPPER_SNAKE, with English and French words', () => {
    const seen = new Map<string, string>();
    for (const [catalog, entries] of Object.entries(ERROR_CATALOGS)) {
      for (const [code, text] of Object.entries(entries)) {
        expect(seen.has(code), `${code} in ${catalog} and ${seen.get(code)}`).toBe(false);
        seen.set(code, catalog);
        expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(text.en.trim().length, `${code} en`).toBeGreaterThan(10);
        expect(text.fr.trim().length, `${code} fr`).toBeGreaterThan(10);
        expect(text.fr, `${code} is not translated`).not.toBe(text.en);
      }
    }
    expect(Object.keys(ERRORS).length).toBe(seen.size);
  });

  it('gives words for a code in either language, and a safe fallback', () => {
    expect(errorText('FORBIDDEN', 'fr')).toBe('Votre rôle ne permet pas cette action.');
    expect(errorText('NO_SUCH_CODE', 'en')).toBe(ERRORS.INTERNAL_ERROR?.en);
  });
});
