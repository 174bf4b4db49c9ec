import { ACCOUNTS_ERRORS } from './accounts.js';
import type { ErrorCatalog, LocalizedText } from './catalog.js';
import { CORE_ERRORS } from './core.js';
import { GATEWAY_ERRORS } from './gateway.js';
import { JOURNAL_ERRORS } from './journal.js';
import { NOTIFICATIONS_ERRORS } from './notifications.js';
import { OPERATORS_ERRORS } from './operators.js';
import { PAYMENTS_ERRORS } from './payments.js';
import { REPORTS_ERRORS } from './reports.js';
import { SANDBOX_ERRORS } from './sandbox.js';
import { WEB_ERRORS } from './web.js';

/** Every catalog, merged. A test checks that no code appears in two catalogs. */
export const ERROR_CATALOGS: Readonly<Record<string, ErrorCatalog>> = {
  core: CORE_ERRORS,
  accounts: ACCOUNTS_ERRORS,
  gateway: GATEWAY_ERRORS,
  journal: JOURNAL_ERRORS,
  notifications: NOTIFICATIONS_ERRORS,
  operators: OPERATORS_ERRORS,
  payments: PAYMENTS_ERRORS,
  reports: REPORTS_ERRORS,
  sandbox: SANDBOX_ERRORS,
  web: WEB_ERRORS,
};

export const ERRORS: ErrorCatalog = Object.assign({}, ...Object.values(ERROR_CATALOGS));

export function errorText(code: string, locale: 'en' | 'fr'): string {
  const entry: LocalizedText | undefined = Object.hasOwn(ERRORS, code) ? ERRORS[code] : undefined;
  return entry ? entry[locale] : (ERRORS.INTERNAL_ERROR as LocalizedText)[locale];
}

export type { ErrorCatalog };
