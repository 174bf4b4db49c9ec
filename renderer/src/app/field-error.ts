import type { IntlShape } from 'react-intl';
import type { MessageKey } from '../i18n/messages.js';

/** A field's problem, as a message and what it needs; any form of the app shows it with `errorText`. */
export interface FieldError {
  readonly id: MessageKey;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** Mantine takes the error as a node; it also sets aria-invalid and aria-describedby from it. */
export function errorText(intl: IntlShape, error: FieldError | undefined): string | undefined {
  return error ? intl.formatMessage({ id: error.id }, error.values) : undefined;
}
