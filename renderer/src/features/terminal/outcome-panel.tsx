import { Alert, Badge, CopyButton, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { AccountSummary, OperationView } from '../../../../shared/contract/terminal.js';
import { awaitsCustomer } from '../../../../shared/domain/awaiting-customer.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { brandName } from './brand-name.js';
import { ConfirmationState } from './confirmation-state.js';
import { CustomerActionAlert } from './customer-action-alert.js';
import { FollowUpActions, hasMoneyActions, type FollowUpDone } from './follow-up-actions.js';
import { InstalmentPlan } from './instalment-plan.js';
import { outcomeWording, toneColor } from './outcome-wording.js';
import type { useFollowUps } from './use-follow-ups.js';

interface OutcomePanelProps {
  readonly operation: OperationView;
  readonly followUps: readonly OperationView[];
  readonly account: AccountSummary | undefined;
  readonly followUpCalls: ReturnType<typeof useFollowUps>;
  onFollowUpDone: FollowUpDone;
  onNewPayment(): void;
  onTryAnotherCard(): void;
  onPrint(): void;
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={200} scope="row">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The result in plain words, the hint for the call, the reference to quote, and what can follow. */
export function OutcomePanel(props: OutcomePanelProps) {
  const { operation } = props;
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  const wording = outcomeWording(operation, intl.locale);
  const color = toneColor(wording.tone);
  const money = (minor: number, currency = operation.currency) => formatAmount(minor, currency, intl.locale);

  // Focus lands on the result so a screen reader reads it and the keyboard starts from there.
  useEffect(() => heading.current?.focus(), [operation.id]);

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="outcome-title" data-testid="outcome" data-tone={wording.tone}
      style={{ borderLeft: `6px solid var(--mantine-color-${color}-6)` }}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} id="outcome-title" ref={heading} tabIndex={-1} c={`${color}.9`}>
              {intl.formatMessage({ id: wording.headline })}
            </Title>
            <Text style={{ fontSize: 30, fontWeight: 800, fontVariantNumeric: 'tabular-nums' }} data-testid="outcome-amount">
              {money(operation.amount)}
            </Text>
          </Stack>
          <Badge size="lg" color={color} variant="light" data-testid="outcome-status">
            {intl.formatMessage({ id: `opstatus.${operation.status}` })}
          </Badge>
        </Group>

        {awaitsCustomer(operation) && <CustomerActionAlert operation={operation} followUps={props.followUpCalls} onDone={props.onFollowUpDone} />}
        {operation.status === 'abandoned' && (
          <Alert color={color} variant="light" data-testid="outcome-abandoned">
            {intl.formatMessage({ id: 'terminal.outcome.abandonedHint' })}
          </Alert>
        )}
        {wording.exec && !awaitsCustomer(operation) && operation.status !== 'abandoned' && (
          <Alert color={color} variant="light" title={wording.exec.message} data-testid="outcome-exec">
            <Text size="sm" fw={600}>
              {intl.formatMessage({ id: 'terminal.outcome.hint' })}
            </Text>
            <Text size="sm" data-testid="outcome-hint">
              {wording.exec.hint}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {intl.formatMessage({ id: 'terminal.outcome.execCode' }, { code: wording.exec.code })}
            </Text>
          </Alert>
        )}
        {operation.status === 'unknown' && (
          <Alert color="orange" variant="filled" role="alert">
            {intl.formatMessage({ id: 'terminal.outcome.unknownHint' })}
          </Alert>
        )}
        <ConfirmationState confirmation={operation.confirmation} />

        <Table variant="vertical" withTableBorder layout="fixed">
          <Table.Tbody>
            <Detail label={intl.formatMessage({ id: 'terminal.outcome.transactionId' })}>
              {operation.transactionId ? (
                <Group gap="sm">
                  <Text ff="monospace" data-testid="transaction-id">
                    {operation.transactionId}
                  </Text>
                  <CopyButton value={operation.transactionId}>
                    {({ copied, copy }) => (
                      <Button size="compact-sm" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : 'blue'} onClick={copy}>
                        {intl.formatMessage({ id: copied ? 'terminal.outcome.copied' : 'terminal.outcome.copy' })}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              ) : (
                <Text c="dimmed">{intl.formatMessage({ id: 'terminal.outcome.noTransactionId' })}</Text>
              )}
            </Detail>
            <Detail label={intl.formatMessage({ id: 'terminal.orderId' })}>{operation.orderId}</Detail>
            {operation.last4 && (
              <Detail label={intl.formatMessage({ id: 'terminal.review.card' })}>
                {brandName(intl, operation.brand)} •••• {operation.last4}
              </Detail>
            )}
            <Detail label={intl.formatMessage({ id: 'terminal.account' })}>{props.account?.name ?? `#${operation.accountId}`}</Detail>
            <Detail label={intl.formatMessage({ id: 'terminal.outcome.date' })}>
              {intl.formatDate(operation.createdAt, { dateStyle: 'medium', timeStyle: 'medium' })}
            </Detail>
            {(operation.customerName || operation.customerEmail) && (
              <Detail label={intl.formatMessage({ id: 'terminal.review.customer' })}>
                {[operation.customerName, operation.customerEmail].filter(Boolean).join(' · ')}
              </Detail>
            )}
          </Table.Tbody>
        </Table>

        {operation.instalments && (
          <InstalmentPlan operation={operation} plan={operation.instalments} followUps={props.followUpCalls} onDone={props.onFollowUpDone} />
        )}

        <FollowUpActions
          operation={operation}
          followUps={props.followUpCalls}
          onDone={props.onFollowUpDone}
          outcome={{ onNewPayment: props.onNewPayment, onTryAnotherCard: props.onTryAnotherCard, onPrint: props.onPrint }}
        />

        {props.followUps.length > 0 && (
          <Stack gap="xs" component="section" aria-labelledby="follow-ups-title">
            <Title order={3} size="h5" id="follow-ups-title">
              {intl.formatMessage({ id: 'terminal.followUps' })}
            </Title>
            {props.followUps.map((followUp) => {
              const followUpWording = outcomeWording(followUp, intl.locale);
              return (
                <Stack key={followUp.id} gap={6} data-testid="follow-up">
                  <Group gap="sm">
                    <Badge color={toneColor(followUpWording.tone)} variant="light">
                      {intl.formatMessage({ id: `opstatus.${followUp.status}` })}
                    </Badge>
                    <Text size="sm" fw={600}>
                      {intl.formatMessage({ id: followUpWording.headline })}
                    </Text>
                    <Text size="sm">{money(followUp.amount, followUp.currency)}</Text>
                    {followUpWording.exec && followUpWording.tone !== 'success' && <Text size="sm">{followUpWording.exec.message}</Text>}
                    {followUp.transactionId && (
                      <Text size="sm" ff="monospace" c="dimmed">
                        {followUp.transactionId}
                      </Text>
                    )}
                    <ConfirmationState confirmation={followUp.confirmation} />
                  </Group>
                  {hasMoneyActions(followUp) && <FollowUpActions operation={followUp} followUps={props.followUpCalls} onDone={props.onFollowUpDone} />}
                </Stack>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
