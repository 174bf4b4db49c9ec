import { create } from 'zustand';
import type { OperationView } from '../../../shared/contract/terminal.js';
import { newIdempotencyKey } from '../features/operations/idempotency-key.js';

export type TerminalOperation = 'payment' | 'authorization' | 'credit';
export type AliasMode = 'oneclick' | 'subscription';

/**
 * A saved card being charged again: what the form shows of it (never more than brand and last
 * four) and whose operation saved it. Core reads the alias itself from that operation.
 */
export interface RebillSource {
  readonly operationId: number;
  readonly brand: string | null;
  readonly last4: string | null;
  readonly expiry: string | null;
  readonly holder: string | null;
  readonly aliasMode: AliasMode;
}

/** What the outcome needs to remember of the submission that led to it. */
export interface OutcomeContext {
  /** The reference the review showed; core may have taken the next one if another desk sent it first. */
  readonly reviewedOrderId: string;
  /** For instalments: the first (today), how many follow, the total. */
  readonly schedule: InstalmentSummary | null;
}

export interface InstalmentSummary {
  readonly first: number;
  readonly more: number;
  readonly total: number;
}

export interface InstalmentDraft {
  /** ISO date `YYYY-MM-DD` (UTC, as the gateway reads AMOUNTS). */
  readonly date: string;
  /** As typed, in the operator's locale; parsed when the payment is reviewed. */
  readonly amountText: string;
}

/**
 * The non-card part of a payment being keyed. Card number, expiry, CVV and holder are NOT
 * here on purpose: they live only in the terminal component's own state, so they vanish when
 * it unmounts and never reach a store, a cache or storage.
 */
export interface PaymentDraft {
  readonly accountId: number | null;
  readonly operation: TerminalOperation;
  readonly amountText: string;
  readonly orderId: string;
  /** The operator typed their own ORDERID: changing account must not replace it. */
  readonly orderIdEdited: boolean;
  readonly customerIdent: string;
  readonly customerName: string;
  readonly customerEmail: string;
  readonly description: string;
  readonly saveCard: boolean;
  readonly instalments: readonly InstalmentDraft[] | null;
  /** Set when this draft charges a saved card again instead of a keyed one. */
  readonly rebill: RebillSource | null;
  /** Made when the draft starts; one submission per draft. */
  readonly idempotencyKey: string;
}

type TerminalStep = 'form' | 'outcome';

interface TerminalState {
  readonly draft: PaymentDraft;
  readonly step: TerminalStep;
  readonly outcome: OperationView | null;
  readonly outcomeContext: OutcomeContext | null;
  /** Captures, refunds and voids made from the outcome screen, newest last. */
  readonly followUps: readonly OperationView[];
  /** Set by the "new payment" shortcut from any screen; the terminal honours it (asking first if needed). */
  readonly newPaymentRequested: boolean;
  editDraft(patch: Partial<Omit<PaymentDraft, 'idempotencyKey'>>): void;
  startNewPayment(): void;
  /**
   * Keeps amount, customer and the order (as `<order>-T2`, `-T3`…: core keeps each ORDERID
   * unique per account, declined attempts included); a fresh key because it is a new attempt.
   */
  tryAnotherCard(): void;
  showOutcome(operation: OperationView, context?: OutcomeContext): void;
  /** A new draft that charges the card saved by `source` again, for the same customer. */
  startRebill(source: OperationView): void;
  /** Applies a newer view of the outcome or of one of its follow-ups; ignores others. */
  applyUpdate(operation: OperationView): void;
  addFollowUp(operation: OperationView): void;
  requestNewPayment(): void;
  takeNewPaymentRequest(): boolean;
}

export function emptyDraft(accountId: number | null = null): PaymentDraft {
  return {
    accountId,
    operation: 'payment',
    amountText: '',
    orderId: '',
    orderIdEdited: false,
    customerIdent: '',
    customerName: '',
    customerEmail: '',
    description: '',
    saveCard: false,
    instalments: null,
    rebill: null,
    idempotencyKey: newIdempotencyKey(),
  };
}

/** Whether the operator has typed anything worth asking about before it is thrown away. */
export function draftIsDirty(draft: PaymentDraft): boolean {
  return (
    draft.amountText !== '' ||
    draft.orderIdEdited ||
    // A saved card's customer is filled in, not typed.
    (draft.rebill === null && (draft.customerIdent !== '' || draft.customerName !== '' || draft.customerEmail !== '')) ||
    draft.description !== '' ||
    draft.saveCard ||
    draft.instalments !== null
  );
}

const ORDER_ID_MAX = 40;

/**
 * The next attempt's reference for the same order: `A-1` → `A-1-T2` → `A-1-T3` ("try").
 * Not `-R…`, which core gives refunds (`A-1-R1`), nor `-C`/`-V` (captures, voids).
 */
export function retryOrderId(orderId: string): string {
  const match = /^(.*)-T(\d+)$/.exec(orderId);
  const next = match ? `${match[1]}-T${Number(match[2]) + 1}` : `${orderId}-T2`;
  return next.length <= ORDER_ID_MAX ? next : '';
}

const newer = (current: OperationView, incoming: OperationView) => incoming.updatedAt >= current.updatedAt;

/** Not persisted: a draft survives moving between screens, not a restart. */
export const useTerminalStore = create<TerminalState>((set, get) => ({
  draft: emptyDraft(),
  step: 'form',
  outcome: null,
  outcomeContext: null,
  followUps: [],
  newPaymentRequested: false,
  editDraft: (patch) => set((state) => ({ draft: { ...state.draft, ...patch } })),
  startNewPayment: () => set((state) => ({ draft: emptyDraft(state.draft.accountId), step: 'form', outcome: null, outcomeContext: null, followUps: [] })),
  startRebill: (source) =>
    set({
      draft: {
        ...emptyDraft(source.accountId),
        customerIdent: source.customerIdent ?? '',
        customerName: source.customerName ?? '',
        customerEmail: source.customerEmail ?? '',
        rebill: {
          operationId: source.id,
          brand: source.brand,
          last4: source.last4,
          expiry: source.expiry,
          holder: source.holderName,
          aliasMode: source.aliasMode ?? 'oneclick',
        },
      },
      step: 'form',
      outcome: null,
      outcomeContext: null,
      followUps: [],
    }),
  tryAnotherCard: () =>
    set((state) => {
      const orderId = retryOrderId(state.draft.orderId);
      return {
        // Another card is keyed: a saved card that was refused is not offered again.
        draft: { ...state.draft, orderId, orderIdEdited: orderId !== '', rebill: null, idempotencyKey: newIdempotencyKey() },
        step: 'form',
        outcome: null,
        outcomeContext: null,
        followUps: [],
      };
    }),
  showOutcome: (operation, context) => set({ step: 'outcome', outcome: operation, outcomeContext: context ?? null, followUps: [] }),
  // Returning the state itself when nothing applies spares every subscriber a notification.
  applyUpdate: (operation) =>
    set((state) => {
      if (state.outcome?.id === operation.id) return newer(state.outcome, operation) ? { outcome: operation } : state;
      const at = state.followUps.findIndex((followUp) => followUp.id === operation.id);
      if (at < 0 || !newer(state.followUps[at] as OperationView, operation)) return state;
      return { followUps: state.followUps.map((followUp, index) => (index === at ? operation : followUp)) };
    }),
  addFollowUp: (operation) => set((state) => ({ followUps: [...state.followUps.filter((followUp) => followUp.id !== operation.id), operation] })),
  requestNewPayment: () => set({ newPaymentRequested: true }),
  takeNewPaymentRequest: () => {
    if (!get().newPaymentRequested) return false;
    set({ newPaymentRequested: false });
    return true;
  },
}));
