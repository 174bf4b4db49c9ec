import type { OperationView, PaymentSubmission, RebillSubmission, RefundReason } from '../../../shared/contract/terminal.js';
import { awaitsCustomer } from '../../../shared/domain/awaiting-customer.js';
import { cardSummary, parseExpiry } from '../../../shared/domain/card.js';
import { needsLargeAmountConfirmation } from '../../../shared/domain/large-amount.js';
import { REFUND_REASON_ACTION } from '../../../shared/domain/refund-reason.js';
import type { AccountDirectory } from '../accounts/account-directory.js';
import type { CallContext } from '../dispatcher.js';
import { CoreError } from '../errors.js';
import type { EventBus } from '../event-bus.js';
import { createGatewaySchemas, GatewayInputError, type GatewayCallResult, type GatewayClient } from '../gateway/index.js';
import type { Journal } from '../journal/index.js';
import type { Account, IntentInput, LookupRow, JournalOperation } from '../journal/types.js';
import { followUpLeft } from '../journal/follow-up-bounds.js';
import type { Logger } from '../logging/logger.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { assertFollowUpReady, followUpReference, type FollowUpKind } from './follow-up-timing.js';
import { recordCallResult } from './gateway-outcome.js';
import { toContractView } from './operation-view.js';
import { followUpFingerprint, rebillFingerprint, submissionFingerprint } from './request-fingerprint.js';
import { gatewayStatusLookup } from './status-polling.js';

export interface PaymentServiceOptions {
  readonly journal: Journal;
  readonly accounts: AccountDirectory;
  readonly settings: SettingsStore;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly now: () => number;
  readonly userAgent: string;
  /** Dalenys refuses follow-ups within 5 minutes of their reference: refused here first, with the time. */
  readonly followUpDelayMs: number;
}

export interface Submitted {
  readonly operation: OperationView;
  /** True when this idempotency key was seen before: nothing was sent again. */
  readonly replayed: boolean;
}

const FOLLOW_UP_LETTER: Record<FollowUpKind, string> = { capture: 'C', refund: 'R', void: 'V' };

/** What every new charge (keyed card or saved card) asks for, and what the operator confirmed past a guard. */
interface ChargeGuards {
  readonly accountId: number;
  readonly operation: 'payment' | 'authorization' | 'credit';
  readonly idempotencyKey: string;
  readonly amount: number;
  readonly orderId: string;
  readonly orderIdGenerated?: boolean;
  readonly duplicateOverride?: { readonly reason: string } | undefined;
  readonly confirmLargeAmount?: true | undefined;
}

/**
 * Moves money: records the intent, sends once, records what came back, tells the UI.
 * The order is the safety: the journal row exists (status `sending`) before a byte leaves, so
 * a crash leaves an `unknown` to look up, never a payment nobody knows about; an idempotency
 * key already seen returns the first result and sends nothing.
 */
export class PaymentService {
  private readonly schemas;

  constructor(private readonly options: PaymentServiceOptions) {
    this.schemas = createGatewaySchemas(options.now);
  }

  view(operation: JournalOperation): OperationView {
    return toContractView(this.options.journal, operation, this.options.followUpDelayMs);
  }

  get(operationId: number): OperationView {
    const { journal } = this.options;
    // The row, its events and its confirmation, as of one commit of the notification writer.
    const view = journal.readTogether(() => {
      const operation = journal.getOperation(operationId);
      return operation && this.view(operation);
    });
    if (!view) throw new CoreError('JOURNAL_OPERATION_NOT_FOUND');
    return view;
  }

  /**
   * Tells the screen an operation changed, and first the operations above it when it is a
   * follow-up: its answer, lookup or failure changes what they have left to capture, refund
   * or void.
   */
  publish(operationId: number): OperationView {
    const view = this.get(operationId);
    const above: OperationView[] = [];
    for (let parentId = view.parentId; parentId !== null;) {
      const parent = this.get(parentId);
      above.unshift(parent);
      parentId = parent.parentId;
    }
    for (const operation of [...above, view]) this.options.events.emit('operation.updated', operation);
    return view;
  }

  async findDuplicates(accountId: number, last4: string, amount: number): Promise<{ windowMinutes: number; matches: OperationView[] }> {
    const windowMinutes = (await this.options.settings.get()).duplicateWindowMinutes;
    if (windowMinutes === 0) return { windowMinutes, matches: [] };
    // Off the core thread: the window may hold many payments, and this runs before every charge.
    const page = await this.options.journal.queryOffThread({
      filter: {
        accountIds: [accountId],
        last4,
        amountMin: amount,
        amountMax: amount,
        types: ['payment', 'authorization', 'credit'],
        from: this.options.now() - windowMinutes * 60_000,
      },
      limit: 20,
    });
    const matches = page.items.filter((operation) => operation.status !== 'declined' && operation.status !== 'error');
    return { windowMinutes, matches: matches.map((operation) => this.get(operation.id)) };
  }

  async submit(input: PaymentSubmission, ctx: CallContext): Promise<Submitted> {
    const { journal, accounts } = this.options;
    // The same key for another request is a conflict (the journal throws), never its replay.
    const fingerprint = submissionFingerprint(input);
    const replay = journal.findReplay(input.idempotencyKey, fingerprint);
    if (replay) return { operation: this.view(replay), replayed: true };

    const account = accounts.chargeable(input.accountId);
    const settings = accounts.settings(account);
    if (input.operation === 'credit' && !settings.allowCredit) throw new CoreError('PAYMENT_CREDIT_NOT_ALLOWED');
    const expiry = parseExpiry(input.card.expiry, this.options.now());
    if (!expiry.ok) throw new CoreError('PAYMENT_CARD_EXPIRED', undefined, [{ path: 'card.expiry', message: 'The card has expired' }]);

    const card = cardSummary(input.card.number);
    await this.guardCharge(account, settings.largeAmountThreshold, card.last4, input);

    const description = input.description || `Order ${input.orderId}`;
    const common = {
      orderId: input.orderId,
      description,
      clientIdent: input.customer.ident || input.customer.email,
      clientEmail: input.customer.email,
      clientIp: settings.motoClientIp,
      clientUserAgent: settings.motoUserAgent || this.options.userAgent,
    };
    const cardFields = { number: input.card.number, expiry: expiry.wire, cvv: input.card.cvv, holder: input.card.holder };
    const request =
      input.operation === 'credit'
        ? { ...common, card: cardFields, amount: input.amount }
        : input.instalments
          ? { ...common, source: 'card' as const, card: cardFields, createAlias: input.saveCard || undefined, instalments: input.instalments }
          : { ...common, source: 'card' as const, card: cardFields, createAlias: input.saveCard || undefined, amount: input.amount };

    // The gateway's own rules, checked before the intent exists: a request it would refuse
    // locally must not leave an operation behind in the journal.
    const checked = this.gatewayChecked(input.operation, request);

    // Everything that can refuse locally is asked before the intent exists, so a journal row
    // in `sending` always means "may have reached the gateway".
    const client = accounts.chargeClient(account.id);
    const intent = this.recordChargeIntent(
      input,
      {
        card: { brand: card.brand, bin6: card.bin6, last4: card.last4, expiry: expiry.wire, holderName: input.card.holder },
        customer: { ident: input.customer.ident, email: input.customer.email, name: input.customer.name },
        description,
        createAlias: input.saveCard,
        fingerprint,
        ...(input.instalments ? { instalments: input.instalments } : {}),
      },
      ctx,
    );
    if (intent.kind === 'existing') return { operation: this.view(intent.existing), replayed: true };
    const { id: operationId, orderId } = intent.operation;
    journal.recordRequestSent(operationId, {
      params: { method: input.operation, amount: input.amount, orderId, bin6: card.bin6, last4: card.last4, instalments: input.instalments?.length ?? 0 },
    });
    return this.sendCharge(client, input.operation, operationId, { ...checked, orderId });
  }

  /**
   * Charges a saved card again with its ALIAS (no card data): a new payment or authorization
   * of its own, for the customer of the operation that saved the card, under the same
   * guards as a keyed card (card numbers in text, idempotency, duplicates, large amounts) and
   * Dalenys' 5 minutes after the transaction that saved the card.
   */
  async rebill(input: RebillSubmission, ctx: CallContext): Promise<Submitted> {
    const { journal, accounts } = this.options;
    const fingerprint = rebillFingerprint(input);
    const replay = journal.findReplay(input.idempotencyKey, fingerprint);
    if (replay) return { operation: this.view(replay), replayed: true };

    const source = journal.getOperation(input.sourceOperationId);
    if (!source) throw new CoreError('JOURNAL_OPERATION_NOT_FOUND');
    const alias = source.actions.rebillAlias;
    if (alias === null || source.accountId !== input.accountId) throw new CoreError('PAYMENT_NO_SAVED_CARD');
    // A charge by ALIAS is an "edit" of the transaction that saved the card: Dalenys wants the same 5 minutes.
    const { timeZone } = await this.options.settings.get();
    assertFollowUpReady({ transactionId: source.transactionId, at: source.answeredAt }, this.options.followUpDelayMs, this.options.now(), timeZone);
    const account = accounts.chargeable(source.accountId);
    const settings = accounts.settings(account);
    if (source.last4) await this.guardCharge(account, settings.largeAmountThreshold, source.last4, input);
    else if (needsLargeAmountConfirmation(input.amount, settings.largeAmountThreshold) && !input.confirmLargeAmount)
      throw new CoreError('PAYMENT_LARGE_AMOUNT_UNCONFIRMED');

    const description = input.description || `Order ${input.orderId}`;
    const request = {
      source: 'alias' as const,
      alias,
      aliasMode: input.aliasMode,
      orderId: input.orderId,
      description,
      clientIdent: source.customerIdent || source.customerEmail || '',
      clientEmail: source.customerEmail ?? '',
      clientIp: settings.motoClientIp,
      clientUserAgent: settings.motoUserAgent || this.options.userAgent,
      amount: input.amount,
    };
    const checked = this.gatewayChecked(input.operation, request);

    // Asked before the intent exists, as for a keyed card: a client that cannot be had refuses here.
    const client = accounts.chargeClient(account.id);
    const intent = this.recordChargeIntent(
      input,
      {
        card: {
          brand: source.brand ?? undefined,
          bin6: source.bin6 ?? undefined,
          last4: source.last4 ?? undefined,
          expiry: source.expiry ?? undefined,
          holderName: source.holderName ?? undefined,
        },
        customer: { ident: source.customerIdent ?? undefined, email: source.customerEmail ?? undefined, name: source.customerName ?? undefined },
        description,
        alias,
        aliasMode: input.aliasMode,
        fingerprint,
      },
      ctx,
    );
    if (intent.kind === 'existing') return { operation: this.view(intent.existing), replayed: true };
    const { id: operationId, orderId } = intent.operation;
    journal.recordOperatorAction(operationId, {
      action: 'rebill',
      operator: ctx.operator ?? 'desk',
      code: input.aliasMode,
      note: `card saved by ${source.orderId}`,
    });
    journal.recordRequestSent(operationId, {
      params: { method: input.operation, amount: input.amount, orderId, aliasMode: input.aliasMode, last4: source.last4 },
    });
    return this.sendCharge(client, input.operation, operationId, { ...checked, orderId });
  }

  /** Sends a new charge whose intent and request are recorded, and records what came back. */
  private async sendCharge(client: GatewayClient, operation: ChargeGuards['operation'], operationId: number, data: object): Promise<Submitted> {
    const request = data as never;
    const result = await this.send(operationId, () =>
      operation === 'payment' ? client.payment(request) : operation === 'authorization' ? client.authorization(request) : client.credit(request),
    );
    recordCallResult(this.options.journal, operationId, result);
    return { operation: this.publish(operationId), replayed: false };
  }

  /** The gateway's own field rules for a new charge, as an `INVALID_INPUT` naming each field it would refuse. */
  private gatewayChecked(operation: 'payment' | 'authorization' | 'credit', request: object): object {
    const schema = operation === 'payment' ? this.schemas.Payment : operation === 'authorization' ? this.schemas.Authorization : this.schemas.Credit;
    const checked = schema.safeParse(request);
    if (!checked.success) {
      throw new CoreError(
        'INVALID_INPUT',
        undefined,
        checked.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
      );
    }
    return checked.data;
  }

  /**
   * Core's own guards on any new charge; the screen's warnings are a courtesy. A large amount
   * needs the operator's confirmation in words; a possible duplicate, a reason.
   */
  private async guardCharge(account: Account, threshold: number, last4: string, input: ChargeGuards): Promise<void> {
    if (needsLargeAmountConfirmation(input.amount, threshold) && !input.confirmLargeAmount) throw new CoreError('PAYMENT_LARGE_AMOUNT_UNCONFIRMED');
    if (!input.duplicateOverride) {
      const duplicates = await this.findDuplicates(account.id, last4, input.amount);
      if (duplicates.matches.length > 0) throw new CoreError('PAYMENT_POSSIBLE_DUPLICATE');
    }
  }

  /**
   * The intent of a new charge. A reference the form generated is taken now, in the intent's
   * own transaction (the account's next free one: the one shown, unless another desk sent it
   * first), so two desks never send the same; a typed one must be free. What the operator
   * confirmed past a guard is recorded with it.
   */
  private recordChargeIntent(
    guards: ChargeGuards,
    details: Omit<IntentInput, 'accountId' | 'type' | 'idempotencyKey' | 'amount' | 'orderId' | 'operator'>,
    ctx: CallContext,
  ) {
    const { journal } = this.options;
    const result = journal.recordIntent({
      ...details,
      accountId: guards.accountId,
      type: guards.operation,
      idempotencyKey: guards.idempotencyKey,
      amount: guards.amount,
      orderId: guards.orderIdGenerated ? undefined : guards.orderId,
      operator: ctx.operator ?? undefined,
    });
    if (result.kind === 'existing') return result;
    const operator = ctx.operator ?? 'desk';
    if (guards.duplicateOverride)
      journal.recordOperatorAction(result.operation.id, { action: 'duplicate_override', operator, note: guards.duplicateOverride.reason });
    if (guards.confirmLargeAmount) journal.recordOperatorAction(result.operation.id, { action: 'large_amount_confirmed', operator });
    return result;
  }

  async followUp(
    kind: FollowUpKind,
    input: { operationId: number; idempotencyKey: string; amount?: number; reason?: RefundReason },
    ctx: CallContext,
  ): Promise<Submitted> {
    const { journal, accounts } = this.options;
    const { timeZone } = await this.options.settings.get();
    // A follow-up's key stands for this kind on this parent, with this amount as asked.
    const fingerprint = followUpFingerprint(kind, input.operationId, input.amount);
    const replay = journal.findReplay(input.idempotencyKey, fingerprint);
    if (replay) return { operation: this.view(replay), replayed: true };

    const parent = journal.getOperation(input.operationId);
    if (!parent) throw new CoreError('JOURNAL_OPERATION_NOT_FOUND');
    const left = followUpLeft(parent, kind);
    if (left <= 0 || !parent.transactionId) throw new CoreError('PAYMENT_ACTION_NOT_POSSIBLE');
    const amount = kind === 'void' ? parent.amount : (input.amount ?? left);
    if (amount > left || amount <= 0)
      throw new CoreError(parent.instalments && kind === 'refund' ? 'PAYMENT_INSTALMENT_REFUND_TOO_HIGH' : 'PAYMENT_AMOUNT_TOO_HIGH');
    // A refund of a payment in instalments applies to one charged instalment's transaction.
    const now = this.options.now();
    const reference = followUpReference(parent, kind, amount, this.options.followUpDelayMs, now);
    if (!reference?.transactionId) throw new CoreError('PAYMENT_ACTION_NOT_POSSIBLE');
    assertFollowUpReady(reference, this.options.followUpDelayMs, now, timeZone);

    const client = accounts.client(parent.accountId);
    const orderId = this.followUpOrderId(parent, kind);
    const description = `${kind} of ${parent.orderId}`;
    const intent = journal.recordIntent({
      accountId: parent.accountId,
      type: kind,
      parentId: parent.id,
      idempotencyKey: input.idempotencyKey,
      amount,
      orderId,
      description,
      operator: ctx.operator ?? undefined,
      fingerprint,
      ...(reference.instalment !== undefined ? { instalment: reference.instalment } : {}),
    });
    if (intent.kind === 'existing') return { operation: this.view(intent.existing), replayed: true };
    const operationId = intent.operation.id;
    if (kind === 'refund' && input.reason) {
      journal.recordOperatorAction(operationId, {
        action: REFUND_REASON_ACTION,
        operator: ctx.operator ?? 'desk',
        code: input.reason.code,
        note: input.reason.note,
      });
    }

    // What is recorded is what is sent: a refund or a capture always names its AMOUNT (the
    // remainder after a partial refund included; an instalment payment's refund is never the
    // plan's total). A void releases the whole authorization and carries none (2019 otherwise).
    const request = { transactionId: reference.transactionId, orderId, description, amount: kind === 'void' ? undefined : amount };
    journal.recordRequestSent(operationId, { params: { method: kind, transactionId: reference.transactionId, orderId, amount: request.amount ?? null } });
    const result = await this.send(operationId, () => client[kind](request));
    recordCallResult(journal, operationId, result);
    return { operation: this.publish(operationId), replayed: false };
  }

  /**
   * Stops the instalments of a payment not charged yet (stopntimes, by its SCHEDULEID). The
   * request is recorded before it leaves and its answer after; asking again is harmless (the
   * gateway then says "already interrupted", 2011, which confirms the stop).
   */
  async stopInstalments(operationId: number, ctx: CallContext): Promise<{ operation: OperationView }> {
    const { journal, accounts } = this.options;
    const operation = journal.getOperation(operationId);
    if (!operation) throw new CoreError('JOURNAL_OPERATION_NOT_FOUND');
    const scheduleId = operation.instalments?.scheduleId;
    if (!operation.instalments?.stoppable || !scheduleId) throw new CoreError('PAYMENT_ACTION_NOT_POSSIBLE');
    const operator = ctx.operator ?? 'desk';
    const client = accounts.client(operation.accountId);
    journal.recordInstalmentStop(operationId, { phase: 'requested', operator });
    let result: GatewayCallResult;
    try {
      result = await client.stopNTimes({ scheduleId });
    } catch (error) {
      journal.recordInstalmentStop(operationId, { phase: 'unknown', operator });
      this.publish(operationId);
      throw error;
    }
    const execCode = result.outcome === 'answered' ? result.response.execCode : undefined;
    // 2011: already interrupted, which is what was asked.
    const phase = execCode === undefined ? 'unknown' : execCode === '0000' || execCode === '2011' ? 'stopped' : 'refused';
    journal.recordInstalmentStop(operationId, { phase, operator, ...(execCode !== undefined ? { execCode } : {}) });
    const view = this.publish(operationId);
    if (phase === 'refused') throw new CoreError('PAYMENT_INSTALMENTS_STOP_REFUSED');
    if (phase === 'unknown') throw new CoreError('PAYMENT_INSTALMENTS_STOP_UNKNOWN');
    return { operation: view };
  }

  /**
   * Closes, on this desk, an operation that waits for the customer (3-D Secure on a phone
   * order): nothing is sent. The gateway's later word still counts (a 4009 expiry confirms it;
   * a success wins and shows as a discrepancy).
   */
  abandon(operationId: number, reason: string | undefined, ctx: CallContext): { operation: OperationView } {
    const { journal } = this.options;
    const operation = journal.getOperation(operationId);
    if (!operation) throw new CoreError('JOURNAL_OPERATION_NOT_FOUND');
    if (!awaitsCustomer(operation)) throw new CoreError('PAYMENT_ACTION_NOT_POSSIBLE');
    journal.recordAbandon(operationId, { operator: ctx.operator ?? 'desk', ...(reason !== undefined ? { note: reason } : {}) });
    return { operation: this.publish(operationId) };
  }

  /** getTransactions by ORDERID for an operation whose outcome is not known: asked, never resent. */
  async checkStatus(operationId: number): Promise<OperationView> {
    const { journal, accounts } = this.options;
    const operation = journal.getOperation(operationId);
    if (!operation) throw new CoreError('JOURNAL_OPERATION_NOT_FOUND');
    if (!operation.actions.checkStatus) return this.view(operation);
    const rows = await gatewayStatusLookup(accounts).lookup(String(operation.accountId), { orderIds: [operation.orderId] });
    journal.applyLookup(operation.accountId, [operation.orderId], rows as unknown as LookupRow[]);
    return this.publish(operationId);
  }

  private followUpOrderId(parent: JournalOperation, kind: FollowUpKind): string {
    const siblings = this.options.journal.listFollowUps(parent.id).filter((operation) => operation.type === kind).length;
    const candidate = `${parent.orderId}-${FOLLOW_UP_LETTER[kind]}${siblings + 1}`;
    return candidate.length <= 40 ? candidate : this.options.journal.nextOrderId(parent.accountId);
  }

  /**
   * The client can still refuse input locally (its own clock moved past a date, say): then
   * nothing left this machine, and the row records a failure instead of waiting in `sending`.
   */
  private async send(operationId: number, call: () => Promise<GatewayCallResult>): Promise<GatewayCallResult> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof GatewayInputError)) throw error;
      this.options.journal.recordResponse(operationId, { outcome: 'failed', code: 'GATEWAY_INVALID_INPUT', retryable: false });
      this.publish(operationId);
      throw new CoreError(
        'INVALID_INPUT',
        undefined,
        error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
      );
    }
  }
}
