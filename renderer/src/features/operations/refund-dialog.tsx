import { NativeSelect, PasswordInput, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { Approval } from '../../../../shared/contract/operators.js';
import type { RefundReason } from '../../../../shared/contract/terminal.js';
import { amountInputText, formatAmount } from '../../../../shared/domain/money.js';
import { REFUND_NOTE_MAX, REFUND_NOTE_MIN, REFUND_REASONS, type RefundReasonCode } from '../../../../shared/domain/refund-reason.js';
import { FollowUpAmountField, readFollowUpAmount } from './follow-up-amount.js';
import { FollowUpDialog, FollowUpForm } from './follow-up-dialog.js';
import { useArmed } from './use-armed.js';

interface RefundDialogProps {
  readonly opened: boolean;
  readonly refundable: number;
  /** A payment in instalments: refunded one charged instalment at a time. */
  readonly perInstalment?: boolean;
  readonly currency: string;
  readonly busy: boolean;
  readonly failure: ReactNode;
  /** `approval`: a second operator's name and secret, for a refund above the caller's ceiling (core decides when it is needed). */
  onRefund(amount: number, reason: RefundReason, approval?: Approval): void;
  onCancel(): void;
}

/**
 * Full by default; a smaller amount makes it partial, never more than what is left. The reason
 * is asked every time (a short list, and words of one's own, required for "other"): it is
 * recorded with the refund and printed on its receipt.
 */
export function RefundDialog(props: RefundDialogProps) {
  const intl = useIntl();
  return (
    <FollowUpDialog
      opened={props.opened}
      title={intl.formatMessage({ id: 'terminal.refund.title' })}
      testId="refund-dialog"
      busy={props.busy}
      onCancel={props.onCancel}
    >
      <RefundForm {...props} />
    </FollowUpDialog>
  );
}

function RefundForm({ refundable, perInstalment = false, currency, busy, failure, onRefund, onCancel }: RefundDialogProps) {
  const intl = useIntl();
  const armed = useArmed(true);
  const [text, setText] = useState(() => amountInputText(refundable, currency, intl.locale));
  const [code, setCode] = useState<RefundReasonCode | ''>('');
  const [note, setNote] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [approver, setApprover] = useState('');
  const [approverSecret, setApproverSecret] = useState('');
  const money = (minor: number) => formatAmount(minor, currency, intl.locale);
  const { minor, error } = readFollowUpAmount(text, refundable, currency, intl.locale, { id: 'terminal.refund.tooMuch', values: { max: money(refundable) } });
  const reasonError = code === '' ? intl.formatMessage({ id: 'terminal.refund.reasonMissing' }) : undefined;
  const noteError =
    code === 'other' && note.trim().length < REFUND_NOTE_MIN ? intl.formatMessage({ id: 'terminal.refund.noteMissing' }, { min: REFUND_NOTE_MIN }) : undefined;
  const submit = () => {
    setAttempted(true);
    if (minor === undefined || code === '' || noteError || busy || !armed) return;
    const approval = approver.trim() && approverSecret ? { name: approver.trim(), secret: approverSecret } : undefined;
    onRefund(minor, { code, ...(note.trim() ? { note: note.trim() } : {}) }, approval);
  };
  const confirm = {
    label:
      minor === undefined
        ? intl.formatMessage({ id: 'terminal.refund.action' })
        : intl.formatMessage({ id: minor === refundable ? 'terminal.refund.full' : 'terminal.refund.partial' }, { amount: money(minor) }),
    testId: 'refund-submit',
    disabled: minor === undefined,
    color: 'orange',
  };
  return (
    <FollowUpForm busy={busy} failure={failure} armed={armed} confirm={confirm} onSubmit={submit} onCancel={onCancel}>
      <FollowUpAmountField
        label={intl.formatMessage({ id: 'terminal.refund.amount' }, { currency })}
        text={text}
        max={refundable}
        currency={currency}
        error={error}
        onText={setText}
        {...(perInstalment ? { hint: intl.formatMessage({ id: 'terminal.refund.perInstalment' }) } : {})}
      />
      <NativeSelect
        label={intl.formatMessage({ id: 'terminal.refund.reason' })}
        required
        value={code}
        onChange={(event) => setCode(event.currentTarget.value as RefundReasonCode | '')}
        // Enter submits, as in the other fields (a native select would open its list instead).
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit();
          }
        }}
        error={attempted ? reasonError : undefined}
        data={[
          { value: '', label: intl.formatMessage({ id: 'terminal.refund.reasonPick' }) },
          ...REFUND_REASONS.map((reason) => ({ value: reason, label: intl.formatMessage({ id: `refundReason.${reason}` }) })),
        ]}
      />
      <TextInput
        label={intl.formatMessage({ id: code === 'other' ? 'terminal.refund.noteRequired' : 'terminal.refund.note' })}
        required={code === 'other'}
        maxLength={REFUND_NOTE_MAX}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={attempted || note !== '' ? noteError : undefined}
        autoComplete="off"
      />
      <TextInput
        label={intl.formatMessage({ id: 'terminal.refund.approver' })}
        description={intl.formatMessage({ id: 'terminal.refund.approverHint' })}
        value={approver}
        onChange={(event) => setApprover(event.currentTarget.value)}
        autoComplete="off"
        data-testid="refund-approver"
      />
      <PasswordInput
        label={intl.formatMessage({ id: 'terminal.refund.approverSecret' })}
        value={approverSecret}
        onChange={(event) => setApproverSecret(event.currentTarget.value)}
        autoComplete="off"
        data-testid="refund-approver-secret"
      />
    </FollowUpForm>
  );
}
