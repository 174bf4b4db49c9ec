import type { IntlShape } from 'react-intl';
import type { FieldError } from './validate-payment.js';

/** Mantine takes the error as a node; it also sets aria-invalid and aria-describedby from it. */
export function errorText(intl: IntlShape, error: FieldError | undefined): string | undefined {
  return error ? intl.formatMessage({ id: error.id }, error.values) : undefined;
}
