import type { IntlShape } from 'react-intl';
import type { ContractError } from '../../../shared/contract/result.js';
import { readyMinute } from '../../../shared/domain/follow-up-delay.js';
import { ERRORS } from '../../../shared/errors/index.js';
import { fillErrorText } from '../../../shared/errors/params.js';
import { formatClockTime } from '../i18n/format-date-time.js';

/**
 * Core's refusal in the operator's language: the shared catalog by code, else core's English
 * words; a `{time}` it names is shown as a clock time in the operator's time zone, named.
 */
export function contractErrorText(intl: IntlShape, error: Pick<ContractError, 'code' | 'message' | 'params'>): string {
  const entry = ERRORS[error.code];
  const words = entry ? (intl.locale.startsWith('fr') ? entry.fr : entry.en) : error.message;
  const time = error.params?.time;
  // Words a refusal names as text (an approval ceiling with its currency) go in as they are.
  const named = Object.fromEntries(Object.entries(error.params ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const text = entry ? fillErrorText(words, typeof time === 'number' ? { ...named, time: formatClockTime(intl, readyMinute(time)) } : named) : words;
  return intl.formatMessage({ id: 'terminal.errorWithCode' }, { text, code: error.code });
}
