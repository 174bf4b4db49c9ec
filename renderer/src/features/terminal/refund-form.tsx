import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { formatAmount, parseAmount } from '../../../../shared/domain/money.js';
import { minorToInput } from './instalment-schedule.js';

interface RefundFormProps {
  readonly refundable: number;
  /** A payment in instalments: refunded one charged instalment at a time. */
  readonly perInstalment?: boolean;
  readonly currency: string;
  readonly busy: boolean;
  onRefund(amount: number): void;
  onCancel(): void;
}

/** Full by default; a smaller amount makes it partial. Never more than what is left to refund. */
export function RefundForm({ refundable, perInstalment = false, currency, busy, onRefund, onCancel }: RefundFormProps) {
  const intl = useIntl();
  const [text, setText] = useState(() => minorToInput(refundable, currency, intl.locale));
  const parsed = parseAmount(text, currency, intl.locale);
  const error = !parsed.ok
    ? intl.formatMessage({ id: `terminal.error.amount.${parsed.problem}` })
    : parsed.minor === 0
      ? intl.formatMessage({ id: 'terminal.error.amount.zero' })
      : parsed.minor > refundable
        ? intl.formatMessage({ id: 'terminal.refund.tooMuch' }, { max: formatAmount(refundable, currency, intl.locale) })
        : undefined;
  const submit = () => {
    if (!error && parsed.ok && !busy) onRefund(parsed.minor);
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="refund-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onCancel();
          }
        }}
      >
        <Stack gap="sm">
          <Text fw={600} id="refund-title">
            {intl.formatMessage({ id: 'terminal.refund.title' })}
          </Text>
          <TextInput
            data-autofocus
            autoFocus
            label={intl.formatMessage({ id: 'terminal.refund.amount' }, { currency })}
            description={[
              intl.formatMessage({ id: 'terminal.refund.max' }, { max: formatAmount(refundable, currency, intl.locale) }),
              ...(perInstalment ? [intl.formatMessage({ id: 'terminal.refund.perInstalment' })] : []),
            ].join(' · ')}
            inputMode="decimal"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={text === '' ? undefined : error}
            autoComplete="off"
            w={260}
          />
          <Group gap="sm">
            <Button type="submit" color="orange" loading={busy} disabled={error !== undefined} data-testid="refund-submit">
              {parsed.ok && !error
                ? intl.formatMessage({ id: parsed.minor === refundable ? 'terminal.refund.full' : 'terminal.refund.partial' }, { amount: formatAmount(parsed.minor, currency, intl.locale) })
                : intl.formatMessage({ id: 'terminal.refund.action' })}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {intl.formatMessage({ id: 'common.cancel' })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
