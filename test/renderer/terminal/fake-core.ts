import { isOperationName, type EventName, type OperationName } from '../../../shared/contract/channels.js';
import { createClient, type ContractClient } from '../../../shared/contract/client.js';
import type { CoreLink } from '../../../shared/contract/core-link.js';
import { events } from '../../../shared/contract/events.js';
import { createMemoryTransport } from '../../../shared/contract/memory-transport.js';
import { operations, type OperationOutput, type OperationParsedInput } from '../../../shared/contract/operations.js';
import { fail, ok, type Result } from '../../../shared/contract/result.js';
import { needsLargeAmountConfirmation } from '../../../shared/domain/large-amount.js';
import type { Settings } from '../../../shared/contract/settings.js';
import type { OperationView } from '../../../shared/contract/terminal.js';
import type { AccountSummary } from '../../../shared/contract/accounts.js';
import { cardSummary } from '../../../shared/domain/card.js';
import { operationView } from '../operation-view.js';

/**
 * A thin stand-in for core, for renderer tests: the terminal's operations only, every input
 * parsed with the contract's own schemas (a UI that sends something core would refuse fails
 * the test), every output checked too. Card outcomes follow the sandbox's test cards.
 */
export const DECLINED_4002 = '5555554530114002';
/** Stands for a timeout: the fake answers "unknown", to be settled by a status check. */
export const UNKNOWN_OUTCOME = '5555552450575004';

export const SANDBOX_ACCOUNT: AccountSummary = {
  id: 1,
  name: 'Sandbox',
  environment: 'test',
  currency: 'EUR',
  allowCredit: true,
  orderIdPrefix: 'CPT-',
  isSandbox: true,
  largeAmountThreshold: 500_000,
};

export interface FakeCoreOptions {
  readonly accounts?: readonly AccountSummary[];
  readonly settings?: Partial<Settings>;
  readonly takenOrderIds?: readonly string[];
}

interface Call {
  readonly channel: OperationName;
  readonly input: unknown;
}

type Handler<N extends OperationName> = (input: OperationParsedInput<N>) => OperationOutput<N> | Promise<OperationOutput<N>>;

export function createFakeCore(options: FakeCoreOptions = {}) {
  const accounts = options.accounts ?? [SANDBOX_ACCOUNT];
  const settings: Settings = { locale: 'en', timeZone: 'Europe/Paris', duplicateWindowMinutes: 10, autoLockMinutes: 15, ...options.settings };
  const taken = new Set(options.takenOrderIds ?? []);
  const calls: Call[] = [];
  const violations: string[] = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const views = new Map<number, OperationView>();
  const byKey = new Map<string, number>();
  let nextId = 1;
  let counter = 1000;
  let clock = Date.UTC(2026, 4, 12, 10, 0, 0);
  let gate: Promise<void> | undefined;

  const accountOf = (id: number) => accounts.find((account) => account.id === id) ?? (accounts[0] as AccountSummary);
  const store = (view: OperationView) => {
    views.set(view.id, view);
    return view;
  };
  const emit = (event: EventName, payload: unknown) => {
    const parsed = events[event].payload.parse(payload);
    for (const listener of listeners) listener(event, parsed);
  };
  const update = (id: number, patch: Partial<OperationView>) => {
    const view = store({ ...(views.get(id) as OperationView), ...patch, updatedAt: ++clock });
    emit('operation.updated', view);
    return view;
  };
  // As core does for a notification: the journal changes, the screen hears the id only. One
  // that overtook the answer leaves updatedAt as the answer set it (core keeps the latest time).
  const notified = (id: number, sameInstant = false) => {
    const view = views.get(id) as OperationView;
    store({ ...view, confirmation: 'confirmed', updatedAt: sameInstant ? view.updatedAt : ++clock });
    emit('operations.changed', { ids: [id] });
  };
  let notifyBeforeAnswer = false;
  let lookupsFindNothing = 0;
  const baseView = (accountId: number, patch: Partial<OperationView> & Pick<OperationView, 'type' | 'status' | 'amount' | 'orderId'>): OperationView =>
    operationView({
      id: nextId++,
      accountId,
      currency: accountOf(accountId).currency,
      transactionId: `A${String(nextId).padStart(6, '0')}`,
      createdAt: ++clock,
      updatedAt: clock,
      confirmation: 'awaiting',
      ...patch,
    });
  // As core: a generated reference is taken when sending; a typed one of the counter's form moves the counter.
  const takeOrderId = (accountId: number, orderId: string, generated: boolean): string => {
    const prefix = accountOf(accountId).orderIdPrefix;
    if (generated) {
      do counter++;
      while (taken.has(`${prefix}${counter}`));
      return `${prefix}${counter}`;
    }
    const digits = orderId.startsWith(prefix) ? orderId.slice(prefix.length) : '';
    if (/^\d+$/.test(digits)) counter = Math.max(counter, Number(digits));
    return orderId;
  };
  const refuseLarge = (accountId: number, amount: number, confirmed: boolean | undefined) =>
    needsLargeAmountConfirmation(amount, accountOf(accountId).largeAmountThreshold) && !confirmed;
  const followUp = (kind: 'capture' | 'refund' | 'void', input: { operationId: number; idempotencyKey: string; amount?: number; reason?: OperationView['refundReason'] }) => {
    const replay = byKey.get(input.idempotencyKey);
    if (replay !== undefined) return { operation: views.get(replay) as OperationView, replayed: true };
    const parent = views.get(input.operationId) as OperationView;
    const amount = kind === 'void' ? parent.amount : (input.amount ?? (kind === 'capture' ? parent.actions.capturableAmount : parent.actions.refundableAmount));
    // As core does: a capture carries what can be refunded; its authorization no longer does.
    const view = store(
      baseView(parent.accountId, {
        type: kind,
        status: 'approved',
        amount,
        orderId: `${parent.orderId}-${kind.charAt(0).toUpperCase()}1`,
        parentId: parent.id,
        last4: parent.last4,
        brand: parent.brand,
        actions: { capturableAmount: 0, refundableAmount: kind === 'capture' ? amount : 0, voidable: false, rebillAlias: null, checkStatus: false, followUpsFrom: null },
        refundReason: kind === 'refund' ? (input.reason ?? null) : null,
      }),
    );
    byKey.set(input.idempotencyKey, view.id);
    const refundable = parent.actions.refundableAmount - (kind === 'refund' ? amount : 0);
    const patch: Partial<OperationView> =
      kind === 'capture'
        ? {
            status: amount < parent.amount ? 'partially_captured' : 'captured',
            actions: { ...parent.actions, capturableAmount: 0, voidable: false },
            settled: { ...parent.settled, captured: amount },
          }
        : kind === 'void'
          ? { status: 'voided', actions: { ...parent.actions, capturableAmount: 0, voidable: false } }
          : {
              status: refundable === 0 ? 'refunded' : 'partially_refunded',
              actions: { ...parent.actions, refundableAmount: refundable },
              settled: { ...parent.settled, refunded: parent.settled.refunded + amount },
            };
    update(parent.id, patch);
    return { operation: view, replayed: false };
  };

  const handlers: { [N in OperationName]?: Handler<N> } = {
    'app.info': () => ({
      name: 'Comptoir',
      version: '9.9.9',
      dataDir: '/fake',
      environment: 'test',
      transport: 'memory',
      platform: 'test',
      versions: { node: '20', electron: null, sqlite: null },
    }),
    'settings.get': () => settings,
    'accounts.list': () => ({ accounts: [...accounts], activeAccountId: accounts[0]?.id ?? null }),
    'terminal.nextOrderId': ({ accountId }) => {
      let next = counter + 1;
      while (taken.has(`${accountOf(accountId).orderIdPrefix}${next}`)) next++;
      return { orderId: `${accountOf(accountId).orderIdPrefix}${next}` };
    },
    'terminal.checkOrderId': ({ orderId }) => ({ available: !taken.has(orderId) }),
    'terminal.findDuplicates': ({ accountId, last4, amount }) => ({
      windowMinutes: settings.duplicateWindowMinutes,
      matches: [...views.values()].filter((view) => view.accountId === accountId && view.last4 === last4 && view.amount === amount && view.parentId === null),
    }),
    'payments.submit': async (input) => {
      if (gate) await gate;
      const replay = byKey.get(input.idempotencyKey);
      if (replay !== undefined) return { operation: views.get(replay) as OperationView, replayed: true };
      if (refuseLarge(input.accountId, input.amount, input.confirmLargeAmount)) throw new FakeRefusal('PAYMENT_LARGE_AMOUNT_UNCONFIRMED');
      const orderId = takeOrderId(input.accountId, input.orderId, input.orderIdGenerated);
      const summary = cardSummary(input.card.number);
      const declined = input.card.number === DECLINED_4002;
      const unknown = input.card.number === UNKNOWN_OUTCOME;
      const authorization = input.operation === 'authorization';
      const view = store(
        baseView(input.accountId, {
          type: input.operation,
          status: unknown ? 'unknown' : declined ? 'declined' : authorization ? 'authorized' : 'approved',
          execCode: unknown ? null : declined ? '4002' : '0000',
          transactionId: unknown ? null : `A${String(nextId).padStart(6, '0')}`,
          message: declined ? 'Insufficient funds' : 'OK',
          amount: input.amount,
          orderId,
          brand: summary.brand,
          bin6: summary.bin6,
          last4: summary.last4,
          expiry: input.card.expiry,
          holderName: input.card.holder,
          customerName: input.customer.name ?? null,
          customerEmail: input.customer.email ?? null,
          confirmation: 'awaiting',
          actions: {
            capturableAmount: !declined && authorization ? input.amount : 0,
            refundableAmount: !declined && !unknown && input.operation === 'payment' ? input.amount : 0,
            voidable: !declined && !unknown && authorization,
            rebillAlias: input.saveCard && !declined && !unknown ? `ALIAS-${nextId}` : null,
            checkStatus: unknown,
            // Follow-ups at once, as with core's delay set to 0 (its own tests cover the delay).
            followUpsFrom: null,
          },
        }),
      );
      byKey.set(input.idempotencyKey, view.id);
      taken.add(orderId);
      if (notifyBeforeAnswer) {
        notifyBeforeAnswer = false;
        // The notification overtakes the answer: the answer still carries the older view.
        notified(view.id, true);
      }
      return { operation: view, replayed: false };
    },
    'payments.rebill': (input) => {
      const replay = byKey.get(input.idempotencyKey);
      if (replay !== undefined) return { operation: views.get(replay) as OperationView, replayed: true };
      const source = views.get(input.sourceOperationId);
      if (!source?.actions.rebillAlias) throw new FakeRefusal('PAYMENT_NO_SAVED_CARD');
      if (refuseLarge(input.accountId, input.amount, input.confirmLargeAmount)) throw new FakeRefusal('PAYMENT_LARGE_AMOUNT_UNCONFIRMED');
      const orderId = takeOrderId(input.accountId, input.orderId, input.orderIdGenerated);
      const authorization = input.operation === 'authorization';
      const view = store(
        baseView(input.accountId, {
          type: input.operation,
          status: authorization ? 'authorized' : 'approved',
          amount: input.amount,
          orderId,
          brand: source.brand,
          bin6: source.bin6,
          last4: source.last4,
          expiry: source.expiry,
          holderName: source.holderName,
          customerName: source.customerName,
          customerEmail: source.customerEmail,
          alias: source.actions.rebillAlias,
          aliasMode: input.aliasMode,
          actions: {
            capturableAmount: authorization ? input.amount : 0,
            refundableAmount: authorization ? 0 : input.amount,
            voidable: authorization,
            rebillAlias: source.actions.rebillAlias,
            checkStatus: false,
            followUpsFrom: null,
          },
        }),
      );
      byKey.set(input.idempotencyKey, view.id);
      taken.add(orderId);
      return { operation: view, replayed: false };
    },
    'accounts.setLargeAmountThreshold': ({ accountId, threshold }) => ({ ...accountOf(accountId), largeAmountThreshold: threshold }),
    'operations.get': ({ operationId }) => views.get(operationId) as OperationView,
    'operations.capture': (input) => followUp('capture', input),
    'operations.refund': (input) => followUp('refund', input),
    'operations.void': (input) => followUp('void', input),
    'operations.checkStatus': ({ operationId }) => {
      const view = views.get(operationId) as OperationView;
      // As core does for a lookup that finds nothing soon after sending: still unknown.
      if (lookupsFindNothing > 0) {
        lookupsFindNothing -= 1;
        return update(operationId, { confirmation: 'not_found_yet' });
      }
      return update(operationId, {
        status: 'approved',
        execCode: '0000',
        transactionId: 'A-LOOKED-UP',
        confirmation: 'confirmed',
        actions: { ...view.actions, checkStatus: false, refundableAmount: view.amount },
      });
    },
  };

  const link: CoreLink = {
    async invoke(channel, payload): Promise<Result<unknown>> {
      if (!isOperationName(channel)) return fail('UNKNOWN_OPERATION', 'No such operation');
      const spec = operations[channel];
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) {
        violations.push(`${channel}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
        return fail('INVALID_INPUT', 'Some fields are missing or not valid. Nothing was changed.');
      }
      calls.push({ channel, input: parsed.data });
      const handler = handlers[channel] as ((input: unknown) => unknown) | undefined;
      if (!handler) return fail('UNKNOWN_OPERATION', 'No such operation');
      try {
        return ok(spec.output.parse(await handler(parsed.data)));
      } catch (error) {
        if (error instanceof FakeRefusal) return fail(error.code, error.code);
        throw error;
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };

  return {
    client: createClient(createMemoryTransport(link)) as ContractClient,
    calls,
    /** Inputs the contract refused: a test that ends with any has found a UI bug. */
    violations,
    callsTo: (channel: OperationName) => calls.filter((call) => call.channel === channel).map((call) => call.input),
    views,
    /** Earlier operations (e.g. to trigger the duplicate warning). */
    seed: (view: Partial<OperationView> & Pick<OperationView, 'type' | 'status' | 'amount' | 'orderId'>) => store(baseView(1, view)),
    /** The gateway's notification arrives. */
    confirm: (id: number) => notified(id),
    /** The next `count` status checks find nothing at the gateway (yet). */
    lookupsFindNothing: (count: number) => void (lookupsFindNothing = count),
    /** The next payment's notification arrives before its answer reaches the screen. */
    notifyBeforeAnswer: () => void (notifyBeforeAnswer = true),
    /** Holds every payments.submit until the returned function is called. */
    hold(): () => void {
      let release = () => undefined as void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

export type FakeCore = ReturnType<typeof createFakeCore>;

/** A refusal core would answer with this code. */
class FakeRefusal extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}
