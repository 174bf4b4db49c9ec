import { useCallback, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { panLengths, detectBrand } from '../../../../shared/domain/card.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { PaymentDraft } from '../../state/terminal-store.js';
import type { CardEntry } from './card-entry.js';
import { errorText } from '../../app/field-error.js';
import { useNow } from '../../app/use-now.js';
import { useStableCallback } from '../../app/use-stable-callback.js';
import { FIELD_ORDER, validatePayment, type FieldErrors, type FieldName, type OrderIdAvailability, type Validated } from './validate-payment.js';

export const FIELD_LABELS: Readonly<Record<FieldName, MessageKey>> = {
  amount: 'terminal.amountShort',
  orderId: 'terminal.orderId',
  customerEmail: 'terminal.customer.email',
  cardNumber: 'terminal.card.number',
  expiry: 'terminal.card.expiry',
  cvv: 'terminal.card.cvv',
  holder: 'terminal.card.holder',
  instalments: 'terminal.instalments',
};

/**
 * A number of the brand's usual length that fails is flagged at once, not only when the field
 * is left (16 at most: a 13-digit Visa prefix is usually the start of a 16-digit number).
 */
function completeButWrong(card: CardEntry, errors: FieldErrors): boolean {
  const usual = Math.min(Math.max(...panLengths(detectBrand(card.digits))), 16);
  return errors.cardNumber !== undefined && card.digits.length >= usual;
}

/** What each field holds, to notice which ones the operator has typed in. */
function fieldValues(draft: PaymentDraft, card: CardEntry): Record<FieldName, string> {
  return {
    amount: draft.amountText,
    orderId: draft.orderIdEdited ? draft.orderId : '',
    customerEmail: draft.customerEmail,
    cardNumber: card.digits,
    expiry: card.expiry,
    cvv: card.cvv,
    holder: card.holder,
    instalments: JSON.stringify(draft.instalments),
  };
}

interface Typing {
  /** The values of the last render, to compare the next one with. */
  readonly seen: Record<FieldName, string>;
  readonly typed: ReadonlySet<FieldName>;
  /** After a reset the form's own clearing is not typing: the next values are the new baseline. */
  readonly rebase: boolean;
}

const CARD_FIELDS: readonly FieldName[] = ['cardNumber', 'expiry', 'cvv', 'holder'];

/**
 * Errors are shown for fields the operator has typed in and left, or for all of them after an
 * attempt to review; never for an untouched empty field that focus merely passed through. A
 * polite live region reads out the error of a field just left.
 */
export function usePaymentValidation(draft: PaymentDraft, card: CardEntry, currency: string, orderIdAvailability: OrderIdAvailability) {
  const intl = useIntl();
  const now = useNow();
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const validated: Validated = validatePayment(draft, card, { currency, locale: intl.locale, now, orderIdAvailability });
  // Compared render to render: a value that changed was typed (or pasted) by the operator.
  const values = fieldValues(draft, card);
  const [typing, setTyping] = useState<Typing>({ seen: values, typed: new Set(), rebase: false });
  const changed = FIELD_ORDER.filter((field) => values[field] !== typing.seen[field]);
  if (changed.length > 0 || typing.rebase) {
    setTyping({ seen: values, typed: typing.rebase ? typing.typed : new Set([...typing.typed, ...changed]), rebase: false });
  }

  const shown: FieldErrors = {};
  for (const field of FIELD_ORDER) {
    const error = validated.errors[field];
    if (error && (attempted || touched.has(field) || (field === 'cardNumber' && completeButWrong(card, validated.errors)))) shown[field] = error;
  }
  // Same errors, same object: the form's memoised sections skip re-rendering.
  const shownKey = JSON.stringify(shown);
  const visible = useMemo(() => JSON.parse(shownKey) as FieldErrors, [shownKey]);

  const blur = useStableCallback((field: FieldName) => {
    if (!typing.typed.has(field)) return;
    setTouched((current) => (current.has(field) ? current : new Set([...current, field])));
    const error = validated.errors[field];
    setAnnouncement(
      error ? intl.formatMessage({ id: 'terminal.fieldError' }, { field: intl.formatMessage({ id: FIELD_LABELS[field] }), error: errorText(intl, error) }) : '',
    );
  });
  const attempt = (): Validated => {
    setAttempted(true);
    return validated;
  };
  // `setTyping` is named below only because the compiler sees it called while rendering; a
  // setter never changes, so neither do these.
  /** After a submission the cleared card fields must not light up as "required". */
  const forgetCard = useCallback(() => {
    setTouched((current) => new Set([...current].filter((field) => !CARD_FIELDS.includes(field))));
    setTyping((current) => ({ ...current, typed: new Set([...current.typed].filter((field) => !CARD_FIELDS.includes(field))), rebase: true }));
    setAttempted(false);
    setAnnouncement('');
  }, [setTyping]);
  const reset = useCallback(() => {
    setTyping((current) => ({ ...current, typed: new Set(), rebase: true }));
    setTouched(new Set());
    setAttempted(false);
    setAnnouncement('');
  }, [setTyping]);
  return { validated, visible, attempted, blur, attempt, forgetCard, reset, announcement };
}
