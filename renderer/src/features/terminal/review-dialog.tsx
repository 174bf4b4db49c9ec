import { Alert, Badge, Button, Checkbox, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { memo, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { AccountSummary, OperationView } from '../../../../shared/contract/terminal.js';
import type { CardBrand } from '../../../../shared/domain/card.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import type { PaymentDraft } from '../../state/terminal-store.js';
import { DuplicateWarning, overrideComplete, type DuplicateOverride } from './duplicate-warning.js';

export type DuplicateCheck =
  | { readonly kind: 'clear' }
  | { readonly kind: 'matches'; readonly windowMinutes: number; readonly matches: readonly OperationView[] }
  | { readonly kind: 'failed' };

/** What the review shows of the card: never more than brand and last four. */
export interface CardPreview {
  readonly brand: CardBrand;
  readonly last4: string;
  readonly network: 'cb' | 'visa' | 'mastercard' | undefined;
  readonly expiry: string;
  readonly holder: string;
}

interface ReviewDialogProps {
  readonly opened: boolean;
  readonly account: AccountSummary;
  readonly draft: PaymentDraft;
  readonly amount: number;
  readonly card: CardPreview;
  readonly duplicates: DuplicateCheck;
  onConfirm(duplicateOverride: string | undefined): Promise<void>;
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
 * tick; a possible duplicate needs a reason. Esc goes back to the form with nothing sent.
 * "Sending" is this dialog's own state, so the form behind it does not re-render meanwhile.
 */
export const ReviewDialog = memo(function ReviewDialog(props: ReviewDialogProps) {
  const { account, draft, amount, card, duplicates } = props;
  const intl = useIntl();
  const [override, setOverride] = useState<DuplicateOverride>({ acknowledged: false, reason: '' });
  const [liveConfirmed, setLiveConfirmed] = useState(false);
  const [sending, setSending] = useState(false);
  const [slow, setSlow] = useState(false);
  // The confirm button is locked at once but stays focused and still (aria-disabled): a
  // spinner only for a slow answer, since an animation on every submit costs frames the
  // answer is waiting for.
  useEffect(() => {
    if (!sending) return setSlow(false);
    const timer = setTimeout(() => setSlow(true), SPINNER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [sending]);
  const live = account.environment === 'live';
  const formatted = formatAmount(amount, account.currency, intl.locale);
  const needsOverride = duplicates.kind === 'matches';
  const ready = (!needsOverride || overrideComplete(override)) && (!live || liveConfirmed);
  const confirmKey = draft.operation === 'authorization' && amount === 0 ? 'terminal.confirm.check' : `terminal.confirm.${draft.operation}`;
  const confirm = () => {
    if (!ready || sending) return;
    setSending(true);
    void props.onConfirm(needsOverride ? override.reason : undefined).finally(() => setSending(false));
  };
  // Enter in the reason field or on a tick box confirms once everything is ready, as in the form.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && ['text', 'checkbox'].includes(event.target.type)) {
      event.preventDefault();
      confirm();
    }
  };

  return (
    <Modal
      opened={props.opened}
      onClose={() => !sending && props.onCancel()}
      closeOnEscape={!sending}
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'terminal.review.back' }) }}
      title={<Text fw={700} size="lg">{intl.formatMessage({ id: 'terminal.review.title' })}</Text>}
      size="lg"
      transitionProps={{ duration: 0 }}
      returnFocus={false}
      // Locking the page's scroll restyles <body>, which relayouts the whole page on open and on
      // close, right when the answer should appear; the overlay already blocks the page.
      lockScroll={false}
    >
      <Stack gap="md" onKeyDown={onKeyDown} data-testid="review-dialog">
        <Text size="sm" c="dimmed">
          {intl.formatMessage({ id: 'terminal.review.intro' })}
        </Text>
        <Group gap="sm" align="baseline">
          <Text size="xl" fw={800} data-testid="review-amount" style={{ fontSize: 32, fontVariantNumeric: 'tabular-nums' }}>
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
            <Row label={intl.formatMessage({ id: 'terminal.review.card' })}>
              <span data-testid="review-card">
                {intl.formatMessage({ id: `brand.${card.brand}` })} •••• {card.last4}
                {card.network === 'cb' ? ` (${intl.formatMessage({ id: 'terminal.review.viaCb' })})` : ''}
              </span>
            </Row>
            <Row label={intl.formatMessage({ id: 'terminal.card.expiry' })}>{card.expiry}</Row>
            <Row label={intl.formatMessage({ id: 'terminal.card.holder' })}>{card.holder}</Row>
            <Row label={intl.formatMessage({ id: 'terminal.orderId' })}>
              <span data-testid="review-order-id">{draft.orderId}</span>
            </Row>
            {(draft.customerName || draft.customerEmail || draft.customerIdent) && (
              <Row label={intl.formatMessage({ id: 'terminal.review.customer' })}>
                {[draft.customerName, draft.customerEmail, draft.customerIdent].filter(Boolean).join(' · ')}
              </Row>
            )}
            {draft.description && <Row label={intl.formatMessage({ id: 'terminal.description' })}>{draft.description}</Row>}
            {draft.operation !== 'credit' && draft.saveCard && (
              <Row label={intl.formatMessage({ id: 'terminal.section.options' })}>{intl.formatMessage({ id: 'terminal.saveCard' })}</Row>
            )}
            {draft.operation === 'payment' && draft.instalments && (
              <Row label={intl.formatMessage({ id: 'terminal.instalments' })}>
                {draft.instalments.map((row) => `${row.date} · ${row.amountText}`).join(' — ')}
              </Row>
            )}
          </Table.Tbody>
        </Table>

        {duplicates.kind === 'matches' && (
          <DuplicateWarning matches={duplicates.matches} windowMinutes={duplicates.windowMinutes} last4={card.last4} override={override} onOverride={setOverride} />
        )}
        {duplicates.kind === 'failed' && (
          <Alert color="gray" variant="light">
            {intl.formatMessage({ id: 'terminal.duplicate.unavailable' })}
          </Alert>
        )}
        {live && (
          <Alert color="red" variant="filled" title={intl.formatMessage({ id: 'terminal.live.title' })}>
            <Checkbox
              color="white"
              iconColor="red"
              styles={{ label: { color: 'white', fontWeight: 600 } }}
              data-autofocus={needsOverride ? undefined : true}
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
            size="md"
            color={live ? 'red' : 'blue'}
            onClick={confirm}
            disabled={!ready}
            data-disabled={sending || undefined}
            aria-disabled={sending || undefined}
            loading={slow}
            data-autofocus={!needsOverride && !live ? true : undefined}
            data-testid="confirm-button"
          >
            {intl.formatMessage({ id: confirmKey }, { amount: formatted })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
});
