import type { SandboxAccount } from './sandbox-accounts.js';
import { utcDay } from './sandbox-clock.js';
import { answer, newTransaction, type SandboxCore, type OperationContext, type OperationOutcome } from './sandbox-core.js';
import { EXEC, execMessage } from './sandbox-exec-codes.js';
import { str } from './operation-rules.js';
import type { Params, TransactionRecord } from './types.js';

/**
 * Instalment ("N-times") schedules: `stopntimes` interrupts one; `runDueInstalments` charges
 * every instalment whose day (UTC) has come, each as its own payment with SCHEDULE=i-n.
 */
export async function stopNTimes(core: SandboxCore, ctx: OperationContext, account: SandboxAccount, params: Params): Promise<OperationOutcome> {
  await ctx.wait();
  const scheduleId = str(params, 'SCHEDULEID') as string;
  const schedule = core.ledger.liveSchedule(scheduleId);
  let code: string = EXEC.SUCCESS;
  if (schedule === undefined || schedule.identifier !== account.identifier) code = EXEC.SCHEDULE_NOT_FOUND;
  else if (schedule.state === 'stopped' || schedule.state === 'cancelled') code = EXEC.SCHEDULE_INTERRUPTED;
  else if (schedule.state === 'finished') code = EXEC.SCHEDULE_FINISHED;
  else {
    schedule.state = 'stopped';
    schedule.updatedAt = core.clock();
    core.ledger.changedSchedule(schedule);
  }
  return { body: answer(ctx.operationType, code, execMessage(code), { SCHEDULEID: scheduleId }), execCode: code, notify: [] };
}

export function runDueInstalments(core: SandboxCore): TransactionRecord[] {
  const now = core.clock();
  const today = utcDay(now);
  const charged: TransactionRecord[] = [];
  for (const schedule of core.ledger.liveSchedules()) {
    if (schedule.state !== 'active') continue;
    const first = core.ledger.liveTransaction(schedule.firstTransactionId);
    if (first === undefined) continue;
    const total = schedule.instalments.length;
    const before = charged.length;
    schedule.instalments.forEach((instalment, index) => {
      if (instalment.transactionId !== undefined || instalment.date > today) return;
      const account = core.accounts.get(schedule.identifier);
      const tx = newTransaction({
        transactionId: core.ids.transactionId(),
        identifier: schedule.identifier,
        operationType: 'payment',
        orderId: schedule.orderId,
        amount: instalment.amount,
        currency: first.currency,
        execCode: EXEC.SUCCESS,
        message: execMessage(EXEC.SUCCESS),
        status: 'succeeded',
        createdAt: now,
        server: first.server,
        version: first.version,
        ...(first.card === undefined ? {} : { card: first.card }),
        extra: {
          scheduleId: schedule.scheduleId,
          schedule: `${index + 1}-${total}`,
          ...(first.clientIdent === undefined ? {} : { clientIdent: first.clientIdent }),
          ...(first.clientEmail === undefined ? {} : { clientEmail: first.clientEmail }),
          ...(first.description === undefined ? {} : { description: first.description }),
          ...(first.extraData === undefined ? {} : { extraData: first.extraData }),
          ...(first.language === undefined ? {} : { language: first.language }),
          ...(first.alias === undefined ? {} : { alias: first.alias }),
          ...(first.aliasMode === undefined ? {} : { aliasMode: first.aliasMode }),
          ...(account === undefined ? {} : { descriptor: account.descriptor }),
        },
      });
      instalment.transactionId = tx.transactionId;
      core.ledger.addTransaction(tx);
      charged.push(tx);
    });
    if (charged.length === before) continue;
    if (schedule.instalments.every((instalment) => instalment.transactionId !== undefined)) schedule.state = 'finished';
    schedule.updatedAt = now;
    core.ledger.changedSchedule(schedule);
  }
  return charged;
}
