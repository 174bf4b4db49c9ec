import type { ErrorCatalog, LocalizedText } from './catalog.js';
import { CORE_ERRORS } from './core.js';

/** Every catalog, merged. A test checks that no code appears in two catalogs. */
export const ERROR_CATALOGS: Readonly<Record<string, ErrorCatalog>> = {
  core: CORE_ERRORS,
};

export const ERRORS: ErrorCatalog = Object.assign({}, ...Object.values(ERROR_CATALOGS));

export function errorText(code: string, locale: 'en' | 'fr'): string {
  const entry: LocalizedText | undefined = ERRORS[code];
  return entry ? entry[locale] : (ERRORS.INTERNAL_ERROR as LocalizedText)[locale];
}

export type { ErrorCatalog, LocalizedText };
