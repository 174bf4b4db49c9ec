import type { SandboxAccount } from './sandbox-accounts.js';
import { followUpTooEarly } from './business-rules.js';
import { decideCard, isAmex, scrubPans, summarizeCard, validityEnd } from './card-rules.js';
import { parseUtcDay } from './sandbox-clock.js';
import { answer, newTransaction, type SandboxCore, type OperationContext, type OperationOutcome } from './sandbox-core.js';
import { EXEC, execMessage } from './sandbox-exec-codes.js';
import { ADDRESS_FIELDS } from './field-rules.js';
import { isYes, str, usesAlias, type CardMethod } from './operation-rules.js';
import { ParameterError } from './parameter-error.js';
import { threeDSecureHtml, acsUrl } from './three-d-secure.js';
import type { AliasRecord, CardSummary, Params, ScheduleRecord, TransactionRecord } from './types.js';

/**
 * payment, authorization and credit, with card data or by ALIAS (oneclick / subscription),
 * with instalments (AMOUNTS) and 3-D Secure. The PAN is read here to decide the test-card
 * outcome and to build the masked summary, and goes no further.
 */

function refusedWithoutCard(
  core: SandboxCore,
  ctx: OperationContext,
  account: SandboxAccount,
  method: CardMethod,
  params: Params,
  code: string,
): OperationOutcome {
  const tx = newTransaction({
    transactionId: core.ids.transactionId(),
    identifier: account.identifier,
    operationType: method,
    orderId: str(params, 'ORDERID') ?? '',
    amount: Number(str(params, 'AMOUNT') ?? firstInstalment(params)?.amount ?? 0),
    currency: account.currency,
    execCode: code,
    message: execMessage(code),
    status: 'refused',
    createdAt: core.clock(),
    server: ctx.server,
    version: str(params, 'VERSION') ?? '',
    extra: clientFields(params),
  });
  core.ledger.addTransaction(tx);
  return { body: answer(ctx.operationType, code, tx.message, { TRANSACTIONID: tx.transactionId }), execCode: code, transaction: tx, notify: [tx] };
}

function firstInstalment(params: Params): { date: string; amount: number } | undefined {
  const amounts = params.AMOUNTS;
  if (amounts === undefined || typeof amounts === 'string') return undefined;
  const first = Object.keys(amounts).sort()[0];
  return first === undefined ? undefined : { date: first, amount: Number(amounts[first]) };
}

/** Customer fields kept with the transaction; free text is scrubbed of anything card-like. */
function clientFields(params: Params): Partial<TransactionRecord> {
  const freeText = (name: string) => {
    const value = str(params, name);
    return value === undefined ? undefined : scrubPans(value);
  };
  const address: Record<string, string> = {};
  for (const name of ADDRESS_FIELDS) {
    const value = freeText(name);
    if (value !== undefined) address[name] = value;
  }
  const pick = (name: string) => str(params, name);
  const fields: Partial<TransactionRecord> = {
    clientIdent: pick('CLIENTIDENT'),
    clientEmail: pick('CLIENTEMAIL'),
    clientIp: pick('CLIENTIP'),
    clientReferrer: freeText('CLIENTREFERRER'),
    clientAddress: freeText('CLIENTADDRESS'),
    clientDob: pick('CLIENTDOB'),
    description: freeText('DESCRIPTION'),
    extraData: freeText('EXTRADATA'),
    language: pick('LANGUAGE')?.toUpperCase(),
    address,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function cardAnswerFields(card: CardSummary): Record<string, string> {
  return {
    CARDCODE: card.masked,
    CARDTYPE: card.type,
    CARDCOUNTRY: card.country,
    CARDVALIDITYDATE: card.validity,
    CARDFULLNAME: card.fullName,
  };
}

function createAlias(core: SandboxCore, tx: TransactionRecord, card: CardSummary, cvvLength: 3 | 4): string {
  const alias = core.ids.alias(tx.transactionId);
  const record: AliasRecord = { alias, identifier: tx.identifier, createdBy: tx.transactionId, createdAt: tx.createdAt, card, cvvLength };
  core.ledger.addAlias(record);
  return alias;
}

/** Applies a final bank answer to a transaction (at once, or when 3-D Secure completes). */
export function settleCardTransaction(core: SandboxCore, tx: TransactionRecord, code: string, cvvLength: 3 | 4): void {
  const account = core.accounts.get(tx.identifier);
  tx.execCode = code;
  tx.message = execMessage(code);
  tx.status = code === EXEC.SUCCESS ? 'succeeded' : 'refused';
  tx.updatedAt = core.clock();
  tx.pendingOutcome = undefined;
  if (tx.status === 'succeeded') {
    tx.descriptor = account?.descriptor;
    if (tx.createAlias && tx.alias === undefined && tx.card !== undefined) tx.alias = createAlias(core, tx, tx.card, cvvLength);
  }
  if (tx.scheduleId !== undefined) {
    const schedule = core.ledger.liveSchedule(tx.scheduleId);
    if (schedule !== undefined && schedule.firstTransactionId === tx.transactionId) {
      // A refused first instalment cancels the whole schedule (DOC-INT p.29).
      if (tx.status === 'succeeded') {
        const first = schedule.instalments[0];
        if (first !== undefined) first.transactionId = tx.transactionId;
        schedule.state = schedule.instalments.length === 1 ? 'finished' : 'active';
      } else {
        schedule.state = 'cancelled';
      }
      schedule.updatedAt = tx.updatedAt;
      core.ledger.changedSchedule(schedule);
    }
  }
}

export async function cardOperation(
  core: SandboxCore,
  ctx: OperationContext,
  account: SandboxAccount,
  method: CardMethod,
  params: Params,
): Promise<OperationOutcome> {
  await ctx.wait();
  const now = core.clock();
  if (method === 'credit' && !account.allowCredit) {
    return {
      body: answer(ctx.operationType, EXEC.UNAUTHORIZED_OPERATION, execMessage(EXEC.UNAUTHORIZED_OPERATION)),
      execCode: EXEC.UNAUTHORIZED_OPERATION,
      notify: [],
    };
  }

  let card: CardSummary;
  let cvvLength: 3 | 4;
  let bankCode: string;
  let enrolled = false;
  let notEnrolled = false;
  let aliasUsed: AliasRecord | undefined;

  if (usesAlias(method, params)) {
    const alias = core.ledger.liveAlias(str(params, 'ALIAS') as string);
    if (alias === undefined || alias.identifier !== account.identifier) {
      return refusedWithoutCard(core, ctx, account, method, params, EXEC.ALIAS_NOT_FOUND);
    }
    if (validityEnd(alias.card.validity) <= now) return refusedWithoutCard(core, ctx, account, method, params, EXEC.ALIAS_EXPIRED);
    const cvv = str(params, 'CARDCVV');
    if (cvv !== undefined && cvv.length !== alias.cvvLength) throw new ParameterError('1002', 'CARDCVV');
    const amounts = params.AMOUNTS;
    if (amounts !== undefined && typeof amounts !== 'string') {
      const last = Object.keys(amounts).sort().at(-1) as string;
      if (parseUtcDay(last) >= validityEnd(alias.card.validity)) throw new ParameterError('1002', 'AMOUNTS');
    }
    if (followUpTooEarly(alias.createdAt, now, core.followUpDelayMs)) {
      return { body: answer(ctx.operationType, EXEC.NOT_AVAILABLE_YET, execMessage(EXEC.NOT_AVAILABLE_YET)), execCode: EXEC.NOT_AVAILABLE_YET, notify: [] };
    }
    aliasUsed = alias;
    card = alias.card;
    cvvLength = alias.cvvLength;
    bankCode = EXEC.SUCCESS;
  } else {
    const pan = str(params, 'CARDCODE') as string;
    card = summarizeCard(pan, str(params, 'CARDVALIDITYDATE') as string, str(params, 'CARDFULLNAME') as string);
    cvvLength = isAmex(pan) ? 4 : 3;
    const decision = decideCard(pan);
    enrolled = decision.kind === 'enrolled';
    notEnrolled = decision.kind === 'not-enrolled';
    bankCode = decision.kind === 'bank' ? decision.execCode : EXEC.SUCCESS;
  }

  const threeDsAsked = isYes(params, '3DSECURE');
  if (notEnrolled && threeDsAsked) bankCode = core.rules.nonEnrolledThreeDSecureOutcome;
  if (ctx.forcedOutcome !== undefined) bankCode = ctx.forcedOutcome;
  let deferred = false;
  if (bankCode === EXEC.DEFERRED_TIMEOUT) {
    // The 5004 test card: the gateway times out, the notification tells the real (good) result.
    deferred = true;
    bankCode = EXEC.SUCCESS;
  }
  const forced3ds = bankCode === EXEC.THREE_D_SECURE_REQUIRED;
  if (forced3ds) bankCode = EXEC.SUCCESS;
  // Platform errors (5xxx, the 5004 timeout included) come before any authentication.
  const needs3ds = (forced3ds || enrolled || (threeDsAsked && !notEnrolled)) && !bankCode.startsWith('5') && !deferred;

  const instalment = firstInstalment(params);
  const amount = instalment?.amount ?? Number(str(params, 'AMOUNT'));
  const transactionId = core.ids.transactionId();
  let schedule: ScheduleRecord | undefined;
  const amounts = params.AMOUNTS;
  if (instalment !== undefined && amounts !== undefined && typeof amounts !== 'string') {
    const dates = Object.keys(amounts).sort();
    schedule = {
      scheduleId: core.ids.scheduleId(),
      identifier: account.identifier,
      firstTransactionId: transactionId,
      orderId: str(params, 'ORDERID') as string,
      instalments: dates.map((date) => ({ date, amount: Number(amounts[date]) })),
      state: 'pending',
      createdAt: now,
      updatedAt: now,
    };
    core.ledger.addSchedule(schedule);
  }

  const aliasMode = str(params, 'ALIASMODE')?.toLowerCase() as 'oneclick' | 'subscription' | undefined;
  const tx = newTransaction({
    transactionId,
    identifier: account.identifier,
    operationType: method,
    orderId: str(params, 'ORDERID') as string,
    amount,
    currency: account.currency,
    execCode: EXEC.THREE_D_SECURE_REQUIRED,
    message: execMessage(EXEC.THREE_D_SECURE_REQUIRED),
    status: 'pending',
    createdAt: now,
    server: ctx.server,
    version: str(params, 'VERSION') as string,
    card,
    extra: {
      ...clientFields(params),
      createAlias: aliasUsed === undefined && isYes(params, 'CREATEALIAS'),
      threeDSecure: needs3ds,
      ...(aliasUsed === undefined ? {} : { alias: aliasUsed.alias, ...(aliasMode === undefined ? {} : { aliasMode }) }),
      ...(schedule === undefined ? {} : { scheduleId: schedule.scheduleId, schedule: `1-${schedule.instalments.length}` }),
      ...(deferred ? { deferred: true } : {}),
    },
  });

  const scheduleField = schedule === undefined ? {} : { SCHEDULEID: schedule.scheduleId };
  if (needs3ds) {
    tx.pendingOutcome = bankCode;
    core.ledger.addTransaction(tx);
    const token = core.ids.token();
    core.threeDs.add({ token, transactionId, cvvLength, expiresAt: now + core.threeDSecureExpiryMs });
    const raw = str(params, '3DSECUREDISPLAYMODE')?.toLowerCase() === 'raw';
    const authentication = raw
      ? { REDIRECTURL: acsUrl(ctx.baseUrl, token), REDIRECTPOSTPARAMS: new URLSearchParams({ token }).toString() }
      : { '3DSECUREHTML': Buffer.from(threeDSecureHtml(ctx.baseUrl, token), 'utf8').toString('base64') };
    return {
      body: answer(ctx.operationType, tx.execCode, tx.message, { TRANSACTIONID: transactionId, ...authentication, ...scheduleField }),
      execCode: tx.execCode,
      transaction: tx,
      notify: [],
      ...(deferred ? { deferred } : {}),
    };
  }

  settleCardTransaction(core, tx, bankCode, cvvLength);
  core.ledger.addTransaction(tx);
  const extra: Record<string, unknown> = { TRANSACTIONID: transactionId };
  if (tx.status === 'succeeded' && tx.descriptor !== undefined) extra.DESCRIPTOR = tx.descriptor;
  if (tx.status === 'succeeded' && tx.alias !== undefined) extra.ALIAS = tx.alias;
  return {
    body: answer(ctx.operationType, tx.execCode, tx.message, { ...extra, ...cardAnswerFields(card), ...scheduleField }),
    execCode: tx.execCode,
    transaction: tx,
    notify: [tx],
    ...(deferred ? { deferred } : {}),
  };
}
