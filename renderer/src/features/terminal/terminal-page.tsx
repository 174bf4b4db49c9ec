import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { ContractCallError } from '../../../../shared/contract/client.js';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { cardSummary } from '../../../../shared/domain/card.js';
import { useClient, useSettings } from '../../contract/client-context.js';
import { draftIsDirty, useTerminalStore, type InstalmentSummary } from '../../state/terminal-store.js';
import { useUiStore } from '../../state/ui-store.js';
import { ReceiptDialog } from '../receipts/receipt-dialog.js';
import { buildRebill, buildSubmission, type Outgoing } from './build-submission.js';
import { cardIsEmpty, isCoBadgeable, useCardEntry } from './card-entry.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { DiscardDialog } from './discard-dialog.js';
import { checkDuplicates } from './duplicate-check.js';
import { checkSchedule, summarizeSchedule } from './instalment-schedule.js';
import { LeaveDialog } from './leave-dialog.js';
import { OutcomePanel } from '../operations/outcome-panel.js';
import { PaymentForm } from './payment-form.js';
import { ReviewDialog, type CardPreview, type DuplicateCheck, type ReviewConfirmation } from './review-dialog.js';
import { useFollowUps, type FollowUpKind } from '../operations/use-follow-ups.js';
import { useLiveOperations } from './use-live-operations.js';
import { useOrderId } from './use-order-id.js';
import { usePaymentSubmit } from './use-payment-submit.js';
import { usePaymentValidation } from './use-payment-validation.js';
import { useNow } from '../../app/use-now.js';
import { useStableCallback } from '../../app/use-stable-callback.js';
import { useTerminalAccount } from './use-terminal-account.js';
import { FIELD_IDS, firstInvalidField, REVIEW_BUTTON_ID, type FieldName } from './validate-payment.js';

interface Review {
  readonly amount: number;
  /** Keyed cards only (`MM-YY`); a saved card has none to send. */
  readonly expiryWire: string | undefined;
  readonly card: CardPreview;
  readonly duplicates: DuplicateCheck;
  readonly schedule: readonly { readonly date: string; readonly amount: number }[] | undefined;
  readonly scheduleSummary: InstalmentSummary | undefined;
}

const focusField = (field: FieldName) => document.getElementById(FIELD_IDS[field])?.focus();
const DIALOG = '[role="dialog"], [aria-modal="true"]';
const anyDialogOpen = () => document.querySelector(DIALOG) !== null;
/** A key pressed inside a dialog is that dialog's, even if it has closed by the time the page hears it. */
const insideDialog = (target: EventTarget | null) => target instanceof Element && target.closest(DIALOG) !== null;

/** The virtual terminal: form → review → outcome, keyboard first. */
export function TerminalPage() {
  const intl = useIntl();
  const client = useClient();
  const { query: accountsQuery, accounts, account, changeAccount } = useTerminalAccount();
  const settings = useSettings();
  const draft = useTerminalStore((state) => state.draft);
  const step = useTerminalStore((state) => state.step);
  const outcome = useTerminalStore((state) => state.outcome);
  const outcomeContext = useTerminalStore((state) => state.outcomeContext);
  const followUpViews = useTerminalStore((state) => state.followUps);
  const newPaymentRequested = useTerminalStore((state) => state.newPaymentRequested);
  const { editDraft, startNewPayment, tryAnotherCard, showOutcome, applyUpdate, addFollowUp, startRebill } = useTerminalStore.getState();
  const pendingSection = useUiStore((state) => state.pendingSection);

  const { card, brand, edit: editCard, clear: clearCard } = useCardEntry();
  const orderId = useOrderId(account?.id);
  const validation = usePaymentValidation(draft, card, account?.currency ?? 'EUR', orderId.availability);
  const { submit } = usePaymentSubmit();
  const followUps = useFollowUps();
  const [review, setReview] = useState<Review | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  const [discardOpen, setDiscardOpen] = useState(false);
  const [receiptFor, setReceiptFor] = useState<OperationView | null>(null);
  const [focusToken, setFocusToken] = useState(0);

  const freshest = useLiveOperations();
  const now = useNow();

  // Back on this screen with an outcome shown earlier: it may have changed meanwhile.
  const refreshOperation = followUps.refresh;
  useEffect(() => {
    const shown = useTerminalStore.getState().outcome;
    if (shown) void refreshOperation(shown.id).then((view) => view && applyUpdate(view));
  }, [refreshOperation, applyUpdate]);

  // A new draft puts the caret in the amount; on arrival only if nothing else has focus. Only a
  // new draft or screen moves the caret, not a keystroke: where it goes is read, not watched.
  const firstDraft = useRef(draft.idempotencyKey);
  const placeCaret = useEffectEvent((arrival: boolean) => {
    // "Try another card" keeps the amount: the caret goes where the work is.
    focusField(card.digits === '' && draft.amountText !== '' && !arrival ? 'cardNumber' : 'amount');
  });
  const accountId = account?.id;
  useEffect(() => {
    if (step !== 'form' || accountId === undefined) return;
    const arrival = firstDraft.current === draft.idempotencyKey;
    if (arrival && document.activeElement && document.activeElement !== document.body) return;
    firstDraft.current = '';
    placeCaret(arrival);
  }, [draft.idempotencyKey, step, accountId]);

  const resetValidation = validation.reset;
  const beginNewPayment = useCallback(() => {
    clearCard();
    resetValidation();
    setSubmitError(undefined);
    setReview(null);
    setDiscardOpen(false);
    startNewPayment();
  }, [clearCard, resetValidation, startNewPayment]);

  // Alt+N from any screen: a dirty form asks first. An event of the store, answered once.
  const answerNewPaymentRequest = useEffectEvent(() => {
    if (useTerminalStore.getState().step === 'form' && (draftIsDirty(useTerminalStore.getState().draft) || !cardIsEmpty(card))) setDiscardOpen(true);
    else beginNewPayment();
  });
  useEffect(() => {
    // The request is raised outside this screen (on any screen, before this one mounts) and is
    // answered with this screen's own state, which no store holds (the card never is in one):
    // the render that answering costs is the point.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
    if (newPaymentRequested && useTerminalStore.getState().takeNewPaymentRequest()) answerNewPaymentRequest();
  }, [newPaymentRequested]);

  // Escape belongs to the topmost thing: a dialog closes itself (in the same capture phase as
  // this listener, possibly first), and this must not then see a dialog-free page and offer to
  // clear the form as well.
  useWindowEvent(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || insideDialog(event.target) || anyDialogOpen() || step !== 'form') return;
      if (draftIsDirty(draft) || !cardIsEmpty(card)) {
        event.preventDefault();
        setDiscardOpen(true);
      }
    },
    { capture: true },
  );

  // Leaving the terminal erases what card fields hold (they are never kept): ask first. The
  // rest of the draft stays in the store for the operator's return.
  const cardTyped = useStableCallback(() => !cardIsEmpty(card));
  useEffect(() => {
    useUiStore.getState().setLeaveGuard(() => useTerminalStore.getState().step === 'form' && cardTyped());
    return () => useUiStore.getState().setLeaveGuard(null);
  }, [cardTyped]);
  // Closing or reloading the page loses everything: the browser's own question.
  useWindowEvent('beforeunload', (event) => {
    const state = useTerminalStore.getState();
    if (state.step === 'form' && (draftIsDirty(state.draft) || cardTyped())) event.preventDefault();
  });

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
    const saved = draft.rebill;
    const preview: CardPreview = saved
      ? { brand: saved.brand, last4: saved.last4 ?? '', network: undefined, expiry: saved.expiry?.replace('-', '/') ?? '', holder: saved.holder ?? '' }
      : (() => {
          const summary = cardSummary(card.digits);
          return {
            brand: summary.brand,
            last4: summary.last4,
            network: isCoBadgeable(summary.brand) ? (card.network === 'cb' ? 'cb' : summary.brand) : undefined,
            expiry: card.expiry,
            holder: card.holder.trim(),
          };
        })();
    const schedule =
      !saved && draft.operation === 'payment' && draft.instalments
        ? checkSchedule(draft.instalments, amount, account.currency, intl.locale, Date.now(), checked.expiryWire).parsed
        : undefined;
    setPreparing(true);
    const duplicates =
      preview.last4 === ''
        ? { kind: 'clear' as const }
        : await checkDuplicates(client, account.id, preview.last4, amount).catch((): DuplicateCheck => ({ kind: 'failed' }));
    setPreparing(false);
    setReview({
      amount,
      expiryWire: checked.expiryWire,
      duplicates,
      card: preview,
      schedule,
      scheduleSummary: schedule ? summarizeSchedule(schedule) : undefined,
    });
  });

  const confirm = useStableCallback(async (confirmation: ReviewConfirmation) => {
    if (!review || !account) return;
    const facts = {
      account,
      amount: review.amount,
      locale: intl.locale,
      now: Date.now(),
      ...(confirmation.duplicateOverride ? { duplicateOverride: confirmation.duplicateOverride } : {}),
      ...(confirmation.largeAmountConfirmed ? { largeAmountConfirmed: true } : {}),
    };
    const saved = draft.rebill;
    const result = await submit((): Outgoing => {
      if (saved) return { channel: 'payments.rebill', input: buildRebill({ ...draft, rebill: saved }, facts) };
      const input = buildSubmission(draft, card, { ...facts, expiryWire: review.expiryWire as string });
      // The number and CVV leave the form now, whatever the answer: re-keying is the rule.
      clearCard();
      validation.forgetCard();
      return { channel: 'payments.submit', input };
    });
    if (!result) return;
    setReview(null);
    if (result.ok) {
      showOutcome(freshest(result.value.operation), { reviewedOrderId: draft.orderId, schedule: review.scheduleSummary ?? null });
    } else {
      setSubmitError(contractErrorText(intl, result.error));
      if (saved) requestAnimationFrame(() => document.getElementById(REVIEW_BUTTON_ID)?.focus());
      else focusField('cardNumber');
    }
  });
  const cancelReview = useStableCallback(() => {
    setReview(null);
    requestAnimationFrame(() => document.getElementById(REVIEW_BUTTON_ID)?.focus());
  });
  const clearForm = useStableCallback(() => (draftIsDirty(draft) || !cardIsEmpty(card) ? setDiscardOpen(true) : beginNewPayment()));
  const askReview = useStableCallback(() => void requestReview());

  const onTryAnotherCard = () => {
    clearCard();
    validation.reset();
    setSubmitError(undefined);
    tryAnotherCard();
  };

  const onRebill = (source: OperationView) => {
    clearCard();
    validation.reset();
    setSubmitError(undefined);
    startRebill(source);
  };

  // The operation acted on, and the payment on screen, have new remaining amounts: ask core.
  // The focus goes to the heading at once, which says the new state as it arrives.
  const onFollowUpDone = async (result: OperationView, kind: FollowUpKind, targetId: number) => {
    setFocusToken((token) => token + 1);
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

  const unavailable =
    accountsQuery.error instanceof ContractCallError
      ? contractErrorText(intl, accountsQuery.error)
      : accountsQuery.isError
        ? intl.formatMessage({ id: 'terminal.accounts.failed' })
        : undefined;

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
          context={outcomeContext}
          followUpCalls={followUps}
          focusToken={focusToken}
          now={now}
          onFollowUpDone={(result, kind, targetId) => void onFollowUpDone(result, kind, targetId)}
          onNewPayment={beginNewPayment}
          onTryAnotherCard={onTryAnotherCard}
          onRebill={onRebill}
          onPrint={setReceiptFor}
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
          onAccount={(accountId) => {
            // A card keyed for one merchant is never charged on another by a switch.
            clearCard();
            changeAccount(accountId);
          }}
          onEdit={editDraft}
          onCard={editCard}
          onBlur={validation.blur}
          onReview={askReview}
          onClear={clearForm}
          onFreshOrderId={orderId.refresh}
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
          schedule={review.schedule}
          scheduleSummary={review.scheduleSummary}
          onConfirm={confirm}
          onCancel={cancelReview}
        />
      )}
      <DiscardDialog opened={discardOpen} onDiscard={beginNewPayment} onKeep={() => setDiscardOpen(false)} />
      <LeaveDialog
        opened={pendingSection !== null}
        onLeave={() => {
          clearCard();
          useUiStore.getState().confirmLeave();
        }}
        onStay={() => useUiStore.getState().cancelLeave()}
      />
      {receiptFor && (
        <ReceiptDialog
          opened
          operation={receiptFor}
          parent={[outcome, ...followUpViews].find((candidate) => candidate?.id === receiptFor.parentId) ?? undefined}
          account={accounts.find((candidate) => candidate.id === receiptFor.accountId)}
          timeZone={settings.data?.timeZone}
          onClose={() => setReceiptFor(null)}
        />
      )}
    </Stack>
  );
}
