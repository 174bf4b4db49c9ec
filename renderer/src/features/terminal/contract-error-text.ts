import type { IntlShape } from 'react-intl';
import type { ContractError } from '../../../../shared/contract/result.js';
import { ERRORS } from '../../../../shared/errors/index.js';
import { frenchSpacing } from '../../i18n/french-typography.js';

/** Core's refusal in the operator's language: the shared catalog by code, else core's English words. */
export function contractErrorText(intl: IntlShape, error: Pick<ContractError, 'code' | 'message'>): string {
  const entry = ERRORS[error.code];
  const text = entry ? (intl.locale.startsWith('fr') ? frenchSpacing(entry.fr) : entry.en) : error.message;
  return intl.formatMessage({ id: 'terminal.errorWithCode' }, { text, code: error.code });
}
