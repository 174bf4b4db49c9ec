import { Alert, Badge, Button, CopyButton, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { awaitsCustomer } from '../../../../shared/domain/awaiting-customer.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { formatDateTime } from '../../i18n/format-date-time.js';
import type { OutcomeContext } from '../../state/terminal-store.js';
import { AuthorizationDeadline } from './authorization-deadline.js';
import { brandName } from './brand-name.js';
import { ConfirmationState } from './confirmation-state.js';
import { CustomerActionAlert } from './customer-action-alert.js';
import { FollowUpActions, type FollowUpDone } from './follow-up-actions.js';
import { InstalmentPlan } from './instalment-plan.js';
import { outcomeWording, toneColor, type OutcomeWording, type Wording } from './outcome-wording.js';
import type { useFollowUps } from './use-follow-ups.js';

interface OutcomePanelProps {
  readonly operation: OperationView;
  readonly followUps: readonly OperationView[];
  readonly account: AccountSummary | undefined;
  readonly context: OutcomeContext | null;
  readonly followUpCalls: ReturnType<typeof useFollowUps>;
  /** Changes when a follow-up is done: the focus goes back to the heading, which now says the new state. */
  readonly focusToken: number;
  readonly now: number;
  onFollowUpDone: FollowUpDone;
  onNewPayment(): void;
  onTryAnotherCard(): void;
  onRebill(operation: OperationView): void;
  onPrint(operation: OperationView): void;
  /** A follow-up dialog to open at once when the operation allows it (History's R and C keys). */
  readonly openFirst?: 'capture' | 'refund' | undefined;
}

/** Statuses a follow-up has changed: the gateway's first answer ("Operation accepted") no longer tells the story. */
const CHANGED_BY_FOLLOW_UPS = new Set(['partially_captured', 'captured', 'partially_refunded', 'refunded', 'voided', 'expired']);

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

function say(intl: IntlShape, wording: Wording): string {
  return intl.formatMessage({ id: wording.id }, wording.values);
}

/** The heading, with what an instalment plan charges today and later when there is one. */
function headline(intl: IntlShape, operation: OperationView, wording: OutcomeWording, context: OutcomeContext | null): string {
  const text = say(intl, wording.headline);
  const schedule = context?.schedule;
  if (!schedule || operation.type !== 'payment' || wording.tone !== 'success' || CHANGED_BY_FOLLOW_UPS.has(operation.status)) return text;
  const money = (minor: number) => formatAmount(minor, operation.currency, intl.locale);
  const plan = intl.formatMessage({ id: 'terminal.instalments.summary' }, { first: money(schedule.first), more: schedule.more, total: money(schedule.total) });
  return intl.formatMessage({ id: 'terminal.outcome.withPlan' }, { headline: text, plan });
}

/**
 * The result in plain words as it stands now (after captures, refunds, voids and
 * notifications), the net amount and how it came about, the hint for the call, the reference
 * to quote, and what can follow.
 */
export function OutcomePanel(props: OutcomePanelProps) {
  const { operation, context } = props;
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  const wording = outcomeWording(operation, intl.locale);
  const color = toneColor(wording.tone);
  const money = (minor: number, currency = operation.currency) => formatAmount(minor, currency, intl.locale);
  // The gateway's first answer says nothing true any more once follow-ups changed the operation,
  // and an abandoned or customer-waiting one has its own words.
  const showExec = wording.exec && !CHANGED_BY_FOLLOW_UPS.has(operation.status) && !awaitsCustomer(operation) && operation.status !== 'abandoned';
  const authorized = operation.status === 'authorized' && operation.expiresAt !== null && operation.amount > 0;
  const referenceChanged = context !== null && context.reviewedOrderId !== '' && context.reviewedOrderId !== operation.orderId && operation.parentId === null;

  // Focus lands on the result so a screen reader reads it and the keyboard starts from there;
  // again after a follow-up, whose button may be gone.
  useEffect(() => heading.current?.focus(), [operation.id, props.focusToken]);

  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="section"
      aria-labelledby="outcome-title"
      data-testid="outcome"
      data-tone={wording.tone}
      style={{ borderLeft: `6px solid var(--mantine-color-${color}-6)` }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Title order={2} id="outcome-title" ref={heading} tabIndex={-1} c={`${color}.9`}>
              {headline(intl, operation, wording, context)}
            </Title>
            <Group gap="sm" align="baseline">
              <Text style={{ fontSize: 30, fontWeight: 800, fontVariantNumeric: 'tabular-nums' }} data-testid="outcome-amount">
                {money(wording.net)}
              </Text>
              <Text size="sm" c="dimmed" data-testid="outcome-net-label">
                {intl.formatMessage({ id: wording.netLabel })}
              </Text>
            </Group>
            {wording.breakdown.length > 0 && (
              <Group gap="md" data-testid="outcome-breakdown">
                {wording.breakdown.map((line) => (
                  <Text key={line.label} size="sm">
                    {intl.formatMessage({ id: 'terminal.outcome.line' }, { label: intl.formatMessage({ id: line.label }), amount: money(line.amount) })}
                  </Text>
                ))}
              </Group>
            )}
          </Stack>
          <Badge size="lg" color={color} variant="light" data-testid="outcome-status" style={{ flexShrink: 0 }}>
            {intl.formatMessage({ id: `opstatus.${operation.status}` })}
          </Badge>
        </Group>

        {awaitsCustomer(operation) && <CustomerActionAlert operation={operation} followUps={props.followUpCalls} onDone={props.onFollowUpDone} />}
        {operation.status === 'abandoned' && (
          <Alert color={color} variant="light" data-testid="outcome-abandoned">
            {intl.formatMessage({ id: 'terminal.outcome.abandonedHint' })}
          </Alert>
        )}
        {showExec && wording.exec && (
          <Alert color={color} variant="light" title={wording.exec.message} data-testid="outcome-exec">
            {!authorized && (
              <>
                <Text size="sm" fw={600}>
                  {intl.formatMessage({ id: 'terminal.outcome.hint' })}
                </Text>
                <Text size="sm" data-testid="outcome-hint">
                  {wording.exec.hint}
                </Text>
              </>
            )}
            <Text size="xs" c="dimmed" mt={4}>
              {intl.formatMessage({ id: 'terminal.outcome.execCode' }, { code: wording.exec.code })}
            </Text>
          </Alert>
        )}
        {authorized && <AuthorizationDeadline expiresAt={operation.expiresAt as number} now={props.now} />}
        {operation.status === 'unknown' && (
          <Alert color="orange" variant="filled" role="alert">
            {intl.formatMessage({ id: 'terminal.outcome.unknownHint' })}
          </Alert>
        )}
        {referenceChanged && (
          <Alert color="blue" variant="light" data-testid="reference-changed">
            {intl.formatMessage({ id: 'terminal.outcome.referenceChanged' }, { sent: operation.orderId, reviewed: context.reviewedOrderId })}
          </Alert>
        )}
        <ConfirmationState confirmation={operation.confirmation} tone={wording.tone} />

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
            <Detail label={intl.formatMessage({ id: 'terminal.orderId' })}>
              <span data-testid="outcome-order-id">{operation.orderId}</span>
            </Detail>
            {operation.last4 && (
              <Detail label={intl.formatMessage({ id: 'terminal.review.card' })}>
                <span data-testid="outcome-card">
                  {operation.actions.rebillAlias !== null
                    ? intl.formatMessage({ id: 'terminal.outcome.cardSaved' }, { card: `${brandName(intl, operation.brand)} •••• ${operation.last4}` })
                    : `${brandName(intl, operation.brand)} •••• ${operation.last4}`}
                </span>
              </Detail>
            )}
            {operation.aliasMode && operation.alias && !operation.actions.rebillAlias && (
              <Detail label={intl.formatMessage({ id: 'terminal.savedCard.mode' })}>
                {intl.formatMessage({ id: `terminal.savedCard.${operation.aliasMode}` })}
              </Detail>
            )}
            <Detail label={intl.formatMessage({ id: 'terminal.account' })}>{props.account?.name ?? `#${operation.accountId}`}</Detail>
            <Detail label={intl.formatMessage({ id: 'terminal.outcome.date' })}>
              <span data-testid="outcome-date">{formatDateTime(intl, operation.createdAt, { seconds: true })}</span>
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
          onPrint={props.onPrint}
          openFirst={props.openFirst}
          outcome={{ onNewPayment: props.onNewPayment, onTryAnotherCard: props.onTryAnotherCard, onRebill: props.onRebill }}
        />

        {props.followUps.length > 0 && (
          <Stack gap="xs" component="section" aria-labelledby="follow-ups-title">
            <Title order={3} size="h5" id="follow-ups-title">
              {intl.formatMessage({ id: 'terminal.followUps' })}
            </Title>
            {props.followUps.map((followUp) => (
              <FollowUpRow key={followUp.id} {...props} followUp={followUp} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** One capture, refund or void made from this screen: what it did, why (a refund), and what it still allows. */
function FollowUpRow({ followUp, ...props }: OutcomePanelProps & { readonly followUp: OperationView }) {
  const intl = useIntl();
  const wording = outcomeWording(followUp, intl.locale);
  return (
    <Stack gap={6} data-testid="follow-up" data-type={followUp.type}>
      <Group gap="sm">
        <Badge color={toneColor(wording.tone)} variant="light">
          {intl.formatMessage({ id: `opstatus.${followUp.status}` })}
        </Badge>
        <Text size="sm" fw={600}>
          {say(intl, wording.headline)}
        </Text>
        <Text size="sm">{formatAmount(followUp.amount, followUp.currency, intl.locale)}</Text>
        {wording.exec && wording.tone === 'failure' && <Text size="sm">{wording.exec.message}</Text>}
        {followUp.transactionId && (
          <Text size="sm" ff="monospace" c="dimmed">
            {followUp.transactionId}
          </Text>
        )}
        <ConfirmationState confirmation={followUp.confirmation} tone={wording.tone} />
      </Group>
      {followUp.refundReason && (
        <Text size="sm" data-testid="refund-reason">
          {intl.formatMessage(
            { id: followUp.refundReason.note ? 'terminal.refund.reasonShownWithNote' : 'terminal.refund.reasonShown' },
            { reason: intl.formatMessage({ id: `refundReason.${followUp.refundReason.code}` }), note: followUp.refundReason.note ?? '' },
          )}
        </Text>
      )}
      <FollowUpActions operation={followUp} followUps={props.followUpCalls} onDone={props.onFollowUpDone} onPrint={props.onPrint} />
    </Stack>
  );
}
