import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { ContractCallError } from '../../../../shared/contract/client.js';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { cardSummary } from '../../../../shared/domain/card.js';
import { useClient, useSettings } from '../../contract/client-context.js';
import { draftIsDirty, useTerminalStore } from '../../state/terminal-store.js';
import { ReceiptDialog } from '../receipts/receipt-dialog.js';
import { buildSubmission } from './build-submission.js';
import { cardIsEmpty, isCoBadgeable, useCardEntry } from './card-entry.js';
import { contractErrorText } from './contract-error-text.js';
import { DiscardDialog } from './discard-dialog.js';
import { checkDuplicates } from './duplicate-check.js';
import { OutcomePanel } from './outcome-panel.js';
import { PaymentForm } from './payment-form.js';
import { ReviewDialog, type CardPreview, type DuplicateCheck } from './review-dialog.js';
import { useFollowUps, type FollowUpKind } from './use-follow-ups.js';
import { useLiveOperations } from './use-live-operations.js';
import { useOrderId } from './use-order-id.js';
import { usePaymentSubmit } from './use-payment-submit.js';
import { usePaymentValidation } from './use-payment-validation.js';
import { useStableCallback } from './use-stable-callback.js';
import { useTerminalAccount } from './use-terminal-account.js';
import { FIELD_IDS, firstInvalidField, type FieldName } from './validate-payment.js';

interface Review {
  readonly amount: number;
  readonly expiryWire: string;
  readonly card: CardPreview;
  readonly duplicates: DuplicateCheck;
}

const focusField = (field: FieldName) => document.getElementById(FIELD_IDS[field])?.focus();
const anyDialogOpen = () => document.querySelector('[role="dialog"], [aria-modal="true"]') !== null;

/** The virtual terminal: form → review → outcome, keyboard first. */
export function TerminalPage() {
  const intl = useIntl();
  const client = useClient();
  const { query: accountsQuery, accounts, account, changeAccount } = useTerminalAccount();
  const settings = useSettings();
  const draft = useTerminalStore((state) => state.draft);
  const step = useTerminalStore((state) => state.step);
  const outcome = useTerminalStore((state) => state.outcome);
  const followUpViews = useTerminalStore((state) => state.followUps);
  const newPaymentRequested = useTerminalStore((state) => state.newPaymentRequested);
  const { editDraft, startNewPayment, tryAnotherCard, showOutcome, applyUpdate, addFollowUp } = useTerminalStore.getState();

  const { card, brand, edit: editCard, clear: clearCard } = useCardEntry();
  const orderId = useOrderId(account?.id);
  const validation = usePaymentValidation(draft, card, account?.currency ?? 'EUR', orderId.availability);
  const { submit } = usePaymentSubmit();
  const followUps = useFollowUps();
  const [review, setReview] = useState<Review | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  const [discardOpen, setDiscardOpen] = useState(false);
  const [receiptOpen, setReceiptOpen] = useState(false);

  const freshest = useLiveOperations();

  // Back on this screen with an outcome shown earlier: it may have changed meanwhile.
  useEffect(() => {
    const shown = useTerminalStore.getState().outcome;
    if (shown) void followUps.refresh(shown.id).then((view) => view && applyUpdate(view));
  }, [followUps.refresh, applyUpdate]);

  // A new draft puts the caret in the amount; on arrival only if nothing else has focus.
  const firstDraft = useRef(draft.idempotencyKey);
  useEffect(() => {
    if (step !== 'form' || !account) return;
    const arrival = firstDraft.current === draft.idempotencyKey;
    if (arrival && document.activeElement && document.activeElement !== document.body) return;
    firstDraft.current = '';
    // "Try another card" keeps the amount: the caret goes where the work is.
    focusField(card.digits === '' && draft.amountText !== '' && !arrival ? 'cardNumber' : 'amount');
  }, [draft.idempotencyKey, step, account?.id]); // not on every keystroke: only a new draft or screen moves the caret

  const beginNewPayment = useCallback(() => {
    clearCard();
    validation.reset();
    setSubmitError(undefined);
    setReview(null);
    setDiscardOpen(false);
    startNewPayment();
  }, [clearCard, validation.reset, startNewPayment]);

  const askNewPayment = useCallback(() => {
    if (useTerminalStore.getState().step === 'form' && (draftIsDirty(useTerminalStore.getState().draft) || !cardIsEmpty(card))) setDiscardOpen(true);
    else beginNewPayment();
  }, [card, beginNewPayment]);

  useEffect(() => {
    if (newPaymentRequested && useTerminalStore.getState().takeNewPaymentRequest()) askNewPayment();
  }, [newPaymentRequested, askNewPayment]);

  // Capture phase: a dialog's own Escape closes it during bubbling, and this must not then
  // see a dialog-free page and offer to clear the form as well.
  useWindowEvent(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || anyDialogOpen() || step !== 'form') return;
      if (draftIsDirty(draft) || !cardIsEmpty(card)) {
        event.preventDefault();
        setDiscardOpen(true);
      }
    },
    { capture: true },
  );

  const requestReview = useStableCallback(async () => {
    if (!account || preparing || review) return;
    setSubmitError(undefined);
    const checked = validation.attempt();
    const invalid = firstInvalidField(checked.errors);
    if (invalid) {
      focusField(invalid);
      return;
    }
    const amount = checked.amount as number;
    const summary = cardSummary(card.digits);
    setPreparing(true);
    const duplicates = await checkDuplicates(client, account.id, summary.last4, amount).catch((): DuplicateCheck => ({ kind: 'failed' }));
    setPreparing(false);
    setReview({
      amount,
      expiryWire: checked.expiryWire as string,
      duplicates,
      card: {
        brand: summary.brand,
        last4: summary.last4,
        network: isCoBadgeable(summary.brand) ? (card.network === 'cb' ? 'cb' : summary.brand) : undefined,
        expiry: card.expiry,
        holder: card.holder.trim(),
      },
    });
  });

  const confirm = useStableCallback(async (duplicateOverride: string | undefined) => {
    if (!review || !account) return;
    const result = await submit(() => {
      const submission = buildSubmission(draft, card, {
        account,
        amount: review.amount,
        expiryWire: review.expiryWire,
        locale: intl.locale,
        now: Date.now(),
        ...(duplicateOverride ? { duplicateOverride } : {}),
      });
      // The number and CVV leave the form now, whatever the answer: re-keying is the rule.
      clearCard();
      validation.forgetCard();
      return submission;
    });
    if (!result) return;
    setReview(null);
    if (result.ok) {
      showOutcome(freshest(result.value.operation));
    } else {
      setSubmitError(contractErrorText(intl, result.error));
      focusField('cardNumber');
    }
  });
  const cancelReview = useStableCallback(() => {
    setReview(null);
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('[data-testid="review-button"]')?.focus());
  });
  const clearForm = useStableCallback(() => (draftIsDirty(draft) || !cardIsEmpty(card) ? setDiscardOpen(true) : beginNewPayment()));
  const askReview = useStableCallback(() => void requestReview());

  const onTryAnotherCard = () => {
    clearCard();
    validation.reset();
    setSubmitError(undefined);
    tryAnotherCard();
  };

  // The operation acted on, and the payment on screen, have new remaining amounts: ask core.
  const onFollowUpDone = async (result: OperationView, kind: FollowUpKind, targetId: number) => {
    // These change the operation acted on itself, not a follow-up of it.
    if (kind === 'checkStatus' || kind === 'stopInstalments' || kind === 'abandon') {
      applyUpdate(freshest(result));
      return;
    }
    addFollowUp(freshest(result));
    const rootId = useTerminalStore.getState().outcome?.id;
    const ids = new Set([targetId, ...(rootId === undefined ? [] : [rootId])]);
    for (const view of await Promise.all([...ids].map((id) => followUps.refresh(id)))) if (view) applyUpdate(freshest(view));
  };

  const unavailable = accountsQuery.error instanceof ContractCallError ? contractErrorText(intl, accountsQuery.error) : accountsQuery.isError ? intl.formatMessage({ id: 'terminal.accounts.failed' }) : undefined;

  return (
    <Stack gap="lg" maw={1200}>
      <Title order={1} size="h2">
        {intl.formatMessage({ id: 'terminal.title' })}
      </Title>
      {step === 'outcome' && outcome ? (
        <OutcomePanel
          operation={outcome}
          followUps={followUpViews}
          account={accounts.find((candidate) => candidate.id === outcome.accountId)}
          followUpCalls={followUps}
          onFollowUpDone={(result, kind, targetId) => void onFollowUpDone(result, kind, targetId)}
          onNewPayment={beginNewPayment}
          onTryAnotherCard={onTryAnotherCard}
          onPrint={() => setReceiptOpen(true)}
        />
      ) : accountsQuery.isPending ? (
        <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
      ) : unavailable ? (
        <Alert color="red" role="alert" title={intl.formatMessage({ id: 'terminal.accounts.unavailable' })}>
          {unavailable}
        </Alert>
      ) : !account ? (
        <Alert color="yellow" title={intl.formatMessage({ id: 'terminal.accounts.none' })}>
          <Text size="sm">{intl.formatMessage({ id: 'terminal.accounts.noneHint' })}</Text>
        </Alert>
      ) : (
        <PaymentForm
          accounts={accounts}
          account={account}
          draft={draft}
          card={card}
          brand={brand}
          amount={validation.validated.amount}
          orderIdAvailability={orderId.availability}
          orderIdGenerationFailed={orderId.generationFailed}
          errors={validation.visible}
          showSummary={validation.attempted}
          announcement={validation.announcement}
          preparing={preparing}
          submitError={submitError}
          onAccount={changeAccount}
          onEdit={editDraft}
          onCard={editCard}
          onBlur={validation.blur}
          onReview={askReview}
          onClear={clearForm}
        />
      )}
      {review && account && (
        <ReviewDialog
          opened
          account={account}
          draft={draft}
          amount={review.amount}
          card={review.card}
          duplicates={review.duplicates}
          onConfirm={confirm}
          onCancel={cancelReview}
        />
      )}
      <DiscardDialog opened={discardOpen} onDiscard={beginNewPayment} onKeep={() => setDiscardOpen(false)} />
      {outcome && receiptOpen && (
        <ReceiptDialog
          opened
          operation={outcome}
          merchant={accounts.find((candidate) => candidate.id === outcome.accountId)?.name ?? ''}
          timeZone={settings.data?.timeZone}
          onClose={() => setReceiptOpen(false)}
        />
      )}
    </Stack>
  );
}
