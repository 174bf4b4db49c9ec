import { Alert, Badge, Button, Checkbox, Group, List, Stack, Table, Text } from '@mantine/core';
import { memo, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { needsLargeAmountConfirmation } from '../../../../shared/domain/large-amount.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { AppDialog } from '../../app/app-dialog.js';
import { amountInWords } from '../../i18n/amount-in-words.js';
import type { InstalmentSummary, PaymentDraft } from '../../state/terminal-store.js';
import { brandName } from '../operations/brand-name.js';
import { DuplicateWarning, overrideComplete, type DuplicateOverride } from './duplicate-warning.js';
import { useArmed } from '../operations/use-armed.js';

export type DuplicateCheck =
  | { readonly kind: 'clear' }
  | { readonly kind: 'matches'; readonly windowMinutes: number; readonly matches: readonly OperationView[] }
  | { readonly kind: 'failed' };

/** What the review shows of the card: never more than brand and last four. */
export interface CardPreview {
  readonly brand: string | null;
  readonly last4: string;
  readonly network: 'cb' | 'visa' | 'mastercard' | undefined;
  /** As typed (`MM/YY`). */
  readonly expiry: string;
  readonly holder: string;
}

export interface ReviewConfirmation {
  readonly duplicateOverride?: string;
  readonly largeAmountConfirmed?: boolean;
}

interface ReviewDialogProps {
  readonly opened: boolean;
  readonly account: AccountSummary;
  readonly draft: PaymentDraft;
  readonly amount: number;
  readonly card: CardPreview;
  readonly duplicates: DuplicateCheck;
  /** The instalments as they will be charged (dates ISO, amounts in minor units). */
  readonly schedule: readonly { readonly date: string; readonly amount: number }[] | undefined;
  readonly scheduleSummary: InstalmentSummary | undefined;
  onConfirm(confirmation: ReviewConfirmation): Promise<void>;
  onCancel(): void;
}

const SPINNER_DELAY_MS = 200;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={180} scope="row">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/**
 * Read back to the customer before anything is sent. A live account needs one more explicit
 * tick; a possible duplicate needs a reason; a large amount needs it read out in words. The
 * confirm button is armed only after a pause, and only then takes the focus: a key held down
 * or a second Enter meant for the form never charges. Esc goes back with nothing sent.
 * "Sending" is this dialog's own state, so the form behind it does not re-render meanwhile.
 */
export const ReviewDialog = memo(function ReviewDialog(props: ReviewDialogProps) {
  const { account, draft, amount, card, duplicates, schedule, scheduleSummary } = props;
  const intl = useIntl();
  const [override, setOverride] = useState<DuplicateOverride>({ acknowledged: false, reason: '' });
  const [liveConfirmed, setLiveConfirmed] = useState(false);
  const [largeConfirmed, setLargeConfirmed] = useState(false);
  const [sending, setSending] = useState(false);
  const [slow, setSlow] = useState(false);
  const armed = useArmed(props.opened);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The confirm button is locked at once but stays focused and still (aria-disabled): a
  // spinner only for a slow answer, since an animation on every submit costs frames the
  // answer is waiting for.
  if (!sending && slow) setSlow(false);
  useEffect(() => {
    if (!sending) return;
    const timer = setTimeout(() => setSlow(true), SPINNER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [sending]);
  const live = account.environment === 'live';
  const credit = draft.operation === 'credit';
  const money = (minor: number) => formatAmount(minor, account.currency, intl.locale);
  const formatted = money(amount);
  const needsOverride = duplicates.kind === 'matches';
  const large = needsLargeAmountConfirmation(amount, account.largeAmountThreshold);
  const ready = (!needsOverride || overrideComplete(override)) && (!live || liveConfirmed) && (!large || largeConfirmed);
  const nothingToTick = !needsOverride && !live && !large;

  // Armed and nothing left to tick: the button takes the focus now, not when the dialog opened.
  useEffect(() => {
    if (armed && nothingToTick) confirmButton.current?.focus();
  }, [armed, nothingToTick]);

  const confirm = () => {
    if (!ready || sending || !armed) return;
    setSending(true);
    void props
      .onConfirm({ ...(needsOverride ? { duplicateOverride: override.reason } : {}), ...(large ? { largeAmountConfirmed: true } : {}) })
      .finally(() => setSending(false));
  };
  // Enter in the reason field or on a tick box confirms once everything is ready, as in the form.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && ['text', 'checkbox'].includes(event.target.type)) {
      event.preventDefault();
      if (!event.repeat) confirm();
    }
  };
  const confirmLabel = credit
    ? intl.formatMessage({ id: 'terminal.confirm.credit' }, { amount: formatted })
    : scheduleSummary && draft.operation === 'payment'
      ? intl.formatMessage(
          { id: 'terminal.confirm.instalments' },
          { first: money(scheduleSummary.first), more: scheduleSummary.more, total: money(scheduleSummary.total) },
        )
      : intl.formatMessage(
          { id: draft.operation === 'authorization' && amount === 0 ? 'terminal.confirm.check' : `terminal.confirm.${draft.operation}` },
          { amount: formatted },
        );
  const title = intl.formatMessage({ id: credit ? 'terminal.review.titleCredit' : 'terminal.review.title' });
  const buttonColor = live ? 'red' : credit ? 'orange' : 'blue';

  return (
    <AppDialog
      opened={props.opened}
      onClose={() => !sending && props.onCancel()}
      closeOnEscape={!sending}
      closeOnClickOutside={false}
      closeLabel={intl.formatMessage({ id: 'terminal.review.back' })}
      title={title}
      size="lg"
      returnFocus={false}
      // Locking the page's scroll restyles <body>, which relayouts the whole page on open and on
      // close, right when the answer should appear; the overlay already blocks the page.
      lockScroll={false}
    >
      <Stack gap="md" onKeyDown={onKeyDown} data-testid="review-dialog" data-operation={draft.operation}>
        {credit ? (
          <Alert color="orange" variant="light" title={intl.formatMessage({ id: 'terminal.review.creditWarningTitle' })} data-testid="credit-warning">
            {intl.formatMessage({ id: 'terminal.review.creditWarning' }, { amount: formatted })}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            {intl.formatMessage({ id: 'terminal.review.intro' })}
          </Text>
        )}
        <Group gap="sm" align="baseline">
          {/* Where the focus waits while the confirm button arms: reading the amount is the point. */}
          <Text
            size="xl"
            fw={800}
            data-testid="review-amount"
            tabIndex={-1}
            data-autofocus={nothingToTick ? true : undefined}
            c={credit ? 'orange.9' : undefined}
            style={{ fontSize: 32, fontVariantNumeric: 'tabular-nums', outline: 'none' }}
          >
            {formatted}
          </Text>
          <Text fw={600}>{intl.formatMessage({ id: `terminal.operation.${draft.operation}` })}</Text>
        </Group>
        <Table variant="vertical" withTableBorder layout="fixed" data-testid="review-details">
          <Table.Tbody>
            <Row label={intl.formatMessage({ id: 'terminal.account' })}>
              <Group gap="xs">
                <span>{account.name}</span>
                <Badge color={live ? 'red' : 'yellow'} variant="filled">
                  {intl.formatMessage({ id: `terminal.environment.${account.environment}` })}
                </Badge>
              </Group>
            </Row>
            <Row label={intl.formatMessage({ id: draft.rebill ? 'terminal.savedCard.title' : 'terminal.review.card' })}>
              <span data-testid="review-card">
                {brandName(intl, card.brand)} •••• {card.last4}
                {card.network === 'cb' ? ` (${intl.formatMessage({ id: 'terminal.review.viaCb' })})` : ''}
              </span>
            </Row>
            {draft.rebill && (
              <Row label={intl.formatMessage({ id: 'terminal.savedCard.mode' })}>
                <span data-testid="review-alias-mode">{intl.formatMessage({ id: `terminal.savedCard.${draft.rebill.aliasMode}` })}</span>
              </Row>
            )}
            {card.expiry && <Row label={intl.formatMessage({ id: 'terminal.card.expiry' })}>{card.expiry}</Row>}
            {card.holder && <Row label={intl.formatMessage({ id: 'terminal.card.holder' })}>{card.holder}</Row>}
            <Row label={intl.formatMessage({ id: 'terminal.orderId' })}>
              <span data-testid="review-order-id">{draft.orderId}</span>
            </Row>
            {(draft.customerName || draft.customerEmail || draft.customerIdent) && (
              <Row label={intl.formatMessage({ id: 'terminal.review.customer' })}>
                {[draft.customerName, draft.customerEmail, draft.customerIdent].filter(Boolean).join(' · ')}
              </Row>
            )}
            {draft.description && <Row label={intl.formatMessage({ id: 'terminal.description' })}>{draft.description}</Row>}
            {!credit && !draft.rebill && draft.saveCard && (
              <Row label={intl.formatMessage({ id: 'terminal.section.options' })}>{intl.formatMessage({ id: 'terminal.saveCard' })}</Row>
            )}
            {draft.operation === 'payment' && schedule && (
              <Row label={intl.formatMessage({ id: 'terminal.instalments' })}>
                <List size="sm" spacing={2} data-testid="review-schedule">
                  {schedule.map((row) => (
                    <List.Item key={row.date}>
                      {intl.formatMessage(
                        { id: 'terminal.instalments.row' },
                        { date: intl.formatDate(Date.parse(`${row.date}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' }), amount: money(row.amount) },
                      )}
                    </List.Item>
                  ))}
                </List>
              </Row>
            )}
          </Table.Tbody>
        </Table>

        {duplicates.kind === 'matches' && (
          <DuplicateWarning
            matches={duplicates.matches}
            windowMinutes={duplicates.windowMinutes}
            last4={card.last4}
            override={override}
            onOverride={setOverride}
          />
        )}
        {duplicates.kind === 'failed' && (
          <Alert color="gray" variant="light">
            {intl.formatMessage({ id: 'terminal.duplicate.unavailable' })}
          </Alert>
        )}
        {large && (
          <Alert color="orange" variant="light" title={intl.formatMessage({ id: 'terminal.large.title' })} data-testid="large-amount">
            <Stack gap="xs">
              <Text size="sm">{intl.formatMessage({ id: 'terminal.large.body' }, { limit: money(account.largeAmountThreshold) })}</Text>
              <Text size="md" fw={700} data-testid="amount-in-words">
                {amountInWords(intl, amount, account.currency)}
              </Text>
              <Checkbox
                data-autofocus={needsOverride ? undefined : true}
                label={intl.formatMessage({ id: 'terminal.large.confirm' }, { amount: formatted })}
                checked={largeConfirmed}
                onChange={(event) => setLargeConfirmed(event.currentTarget.checked)}
              />
            </Stack>
          </Alert>
        )}
        {live && (
          <Alert color="red" variant="filled" title={intl.formatMessage({ id: 'terminal.live.title' })}>
            <Checkbox
              color="white"
              iconColor="red"
              styles={{ label: { color: 'white', fontWeight: 600 } }}
              data-autofocus={needsOverride || large ? undefined : true}
              label={intl.formatMessage({ id: 'terminal.live.confirm' }, { amount: formatted, account: account.name })}
              checked={liveConfirmed}
              onChange={(event) => setLiveConfirmed(event.currentTarget.checked)}
            />
          </Alert>
        )}

        <Group justify="space-between">
          <Button variant="default" onClick={props.onCancel} disabled={sending}>
            {intl.formatMessage({ id: 'terminal.review.back' })}
          </Button>
          <Button
            ref={confirmButton}
            size="md"
            color={buttonColor}
            onClick={confirm}
            disabled={!ready}
            data-disabled={sending || !armed || undefined}
            aria-disabled={sending || !armed || undefined}
            loading={slow}
            data-armed={armed}
            data-testid="confirm-button"
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppDialog>
  );
});
