import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { amountInputText, formatAmount } from '../../../../shared/domain/money.js';
import { AppDialog } from '../../app/app-dialog.js';
import { FollowUpAmountField, readFollowUpAmount } from './follow-up-amount.js';
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
    <AppDialog opened={props.opened} onClose={props.onCancel} closeOnEscape={!props.busy} title={intl.formatMessage({ id: 'terminal.capture.title' })} testId="capture-dialog">
      {props.opened && <CaptureForm {...props} />}
    </AppDialog>
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
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <FollowUpAmountField label={intl.formatMessage({ id: 'terminal.capture.amount' }, { currency })} text={text} max={capturable} currency={currency} error={error} onText={setText} />
        {minor !== undefined && minor < capturable && (
          <Text size="sm" data-testid="capture-partial-note">
            {intl.formatMessage({ id: 'terminal.capture.partialNote' }, { rest: money(capturable - minor) })}
          </Text>
        )}
        {failure && (
          <Alert color="red" role="alert" title={intl.formatMessage({ id: 'terminal.followUp.failed' })}>
            {failure}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {intl.formatMessage({ id: 'common.cancel' })}
          </Button>
          <Button type="submit" loading={busy} disabled={minor === undefined} aria-disabled={!armed || undefined} data-armed={armed} data-testid="capture-confirm">
            {minor === undefined ? intl.formatMessage({ id: 'terminal.capture.action' }) : intl.formatMessage({ id: 'terminal.capture.confirm' }, { amount: money(minor) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
