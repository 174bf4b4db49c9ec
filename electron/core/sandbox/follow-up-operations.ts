import type { SandboxAccount } from './sandbox-accounts.js';
import { captureRule, followUpTooEarly, refundRule, voidRule, type RuleResult } from './business-rules.js';
import { scrubPans } from './card-rules.js';
import { answer, newTransaction, type SandboxCore, type OperationContext, type OperationOutcome } from './sandbox-core.js';
import { EXEC, execMessage } from './sandbox-exec-codes.js';
import { str, type FollowUpMethod } from './operation-rules.js';
import type { Params, TransactionRecord } from './types.js';

/**
 * capture, refund and void on a reference TRANSACTIONID. The reference is locked from arrival
 * to answer, so a second follow-up on it meanwhile gets 2017. A refused follow-up is still a
 * transaction (it gets a TRANSACTIONID and a notification); a 2017 is not.
 */
export async function followUpOperation(
  core: SandboxCore,
  ctx: OperationContext,
  account: SandboxAccount,
  method: FollowUpMethod,
  params: Params,
): Promise<OperationOutcome> {
  const referenceId = str(params, 'TRANSACTIONID') as string;
  const release = core.locks.acquire(referenceId);
  if (release === undefined) {
    await ctx.wait();
    return { body: answer(ctx.operationType, EXEC.NOT_AVAILABLE_YET, execMessage(EXEC.NOT_AVAILABLE_YET)), execCode: EXEC.NOT_AVAILABLE_YET, notify: [] };
  }
  try {
    await ctx.wait();
    const outcome = process(core, ctx, account, method, params, referenceId);
    return { ...outcome, release };
  } catch (error) {
    release();
    throw error;
  }
}

function process(
  core: SandboxCore,
  ctx: OperationContext,
  account: SandboxAccount,
  method: FollowUpMethod,
  params: Params,
  referenceId: string,
): OperationOutcome {
  const now = core.clock();
  const requestedText = str(params, 'AMOUNT');
  const requested = requestedText === undefined ? undefined : Number(requestedText);
  const found = core.ledger.liveTransaction(referenceId);
  const ref = found !== undefined && found.identifier === account.identifier ? found : undefined;

  if (ref !== undefined && followUpTooEarly(ref.createdAt, now, core.followUpDelayMs)) {
    return { body: answer(ctx.operationType, EXEC.NOT_AVAILABLE_YET, execMessage(EXEC.NOT_AVAILABLE_YET)), execCode: EXEC.NOT_AVAILABLE_YET, notify: [] };
  }

  let verdict: RuleResult;
  if (ref === undefined) verdict = { ok: false, code: EXEC.REFERENCE_NOT_FOUND };
  else if (method === 'capture') verdict = captureRule(ref, requested, now, account.authorizationValidityDays);
  else if (method === 'refund') verdict = refundRule(ref, requested);
  else verdict = voidRule(ref, requested, now, account.authorizationValidityDays);

  let code = verdict.ok ? EXEC.SUCCESS : verdict.code;
  if (verdict.ok && ctx.forcedOutcome !== undefined) code = ctx.forcedOutcome;
  let deferred = false;
  if (code === EXEC.DEFERRED_TIMEOUT) {
    deferred = true;
    code = EXEC.SUCCESS;
  }
  const succeeded = code === EXEC.SUCCESS;
  const tx: TransactionRecord = newTransaction({
    transactionId: core.ids.transactionId(),
    identifier: account.identifier,
    operationType: method,
    orderId: str(params, 'ORDERID') as string,
    amount: verdict.ok ? verdict.amount : (requested ?? 0),
    currency: account.currency,
    execCode: code,
    message: execMessage(code),
    status: succeeded ? 'succeeded' : 'refused',
    createdAt: now,
    server: ctx.server,
    version: str(params, 'VERSION') as string,
    referenceId,
    ...(ref?.card === undefined ? {} : { card: ref.card }),
    extra: {
      description: scrubPans(str(params, 'DESCRIPTION') as string),
      ...(str(params, 'EXTRADATA') === undefined ? {} : { extraData: scrubPans(str(params, 'EXTRADATA') as string) }),
      ...(ref?.clientIdent === undefined ? {} : { clientIdent: ref.clientIdent }),
      ...(ref?.clientEmail === undefined ? {} : { clientEmail: ref.clientEmail }),
      ...(ref?.language === undefined ? {} : { language: ref.language }),
      ...(ref?.alias === undefined ? {} : { alias: ref.alias }),
      ...(succeeded ? { descriptor: account.descriptor } : {}),
      ...(deferred ? { deferred: true } : {}),
    },
  });
  core.ledger.addTransaction(tx);

  if (succeeded && ref !== undefined) {
    if (method === 'capture') {
      ref.capturedAmount = tx.amount;
      ref.captureId = tx.transactionId;
    } else if (method === 'refund') {
      ref.refundedAmount += tx.amount;
      ref.refundIds.push(tx.transactionId);
    } else {
      ref.voided = true;
      ref.voidId = tx.transactionId;
    }
    ref.updatedAt = now;
    core.ledger.changedTransaction(ref);
  }

  const extra: Record<string, unknown> = { TRANSACTIONID: tx.transactionId };
  if (succeeded) extra.DESCRIPTOR = account.descriptor;
  return {
    body: answer(ctx.operationType, tx.execCode, tx.message, extra),
    execCode: tx.execCode,
    transaction: tx,
    notify: [tx],
    ...(deferred ? { deferred } : {}),
  };
}
