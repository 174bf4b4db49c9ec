import { Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { amountInputText, formatAmount } from '../../../../shared/domain/money.js';
import { FollowUpAmountField, readFollowUpAmount } from './follow-up-amount.js';
import { FollowUpDialog, FollowUpForm } from './follow-up-dialog.js';
import { useArmed } from './use-armed.js';

interface CaptureDialogProps {
  readonly opened: boolean;
  readonly capturable: number;
  readonly currency: string;
  readonly busy: boolean;
  /** Core's refusal, shown where the operator is looking. */
  readonly failure: ReactNode;
  onCapture(amount: number): void;
  onCancel(): void;
}

/**
 * Capture all or part of an authorization. One capture per authorization (the gateway's rule):
 * a partial one releases the rest, which the dialog says before the operator confirms.
 */
export function CaptureDialog(props: CaptureDialogProps) {
  const intl = useIntl();
  return (
    <FollowUpDialog
      opened={props.opened}
      title={intl.formatMessage({ id: 'terminal.capture.title' })}
      testId="capture-dialog"
      busy={props.busy}
      onCancel={props.onCancel}
    >
      <CaptureForm {...props} />
    </FollowUpDialog>
  );
}

function CaptureForm({ capturable, currency, busy, failure, onCapture, onCancel }: CaptureDialogProps) {
  const intl = useIntl();
  const armed = useArmed(true);
  const [text, setText] = useState(() => amountInputText(capturable, currency, intl.locale));
  const money = (minor: number) => formatAmount(minor, currency, intl.locale);
  const { minor, error } = readFollowUpAmount(text, capturable, currency, intl.locale, { id: 'terminal.capture.tooMuch', values: { max: money(capturable) } });
  const submit = () => {
    if (minor !== undefined && !busy && armed) onCapture(minor);
  };
  const confirm = {
    label:
      minor === undefined
        ? intl.formatMessage({ id: 'terminal.capture.action' })
        : intl.formatMessage({ id: 'terminal.capture.confirm' }, { amount: money(minor) }),
    testId: 'capture-confirm',
    disabled: minor === undefined,
  };
  return (
    <FollowUpForm busy={busy} failure={failure} armed={armed} confirm={confirm} onSubmit={submit} onCancel={onCancel}>
      <FollowUpAmountField
        label={intl.formatMessage({ id: 'terminal.capture.amount' }, { currency })}
        text={text}
        max={capturable}
        currency={currency}
        error={error}
        onText={setText}
      />
      {minor !== undefined && minor < capturable && (
        <Text size="sm" data-testid="capture-partial-note">
          {intl.formatMessage({ id: 'terminal.capture.partialNote' }, { rest: money(capturable - minor) })}
        </Text>
      )}
    </FollowUpForm>
  );
}
