import type { terminalOperations } from '../../../shared/contract/terminal.js';
import type { AccountDirectory } from '../accounts/account-directory.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { Journal } from '../journal/index.js';
import type { PaymentService } from '../payments/payment-service.js';

export interface TerminalServices {
  readonly journal: Journal;
  readonly accounts: AccountDirectory;
  readonly payments: PaymentService;
  /** Publishes the status line again (what waits for a confirmation may have changed). */
  readonly refreshStatus: () => Promise<unknown>;
}

/**
 * The terminal capability's handlers (contract: `shared/contract/terminal.ts`): the form's
 * checks, charges and follow-ups. Money moves in `PaymentService`; this maps each operation
 * onto it.
 */
export function terminalHandlers({ journal, accounts, payments, refreshStatus }: TerminalServices): HandlerSlice<typeof terminalOperations> {
  // Whatever its end, a call that sent or looked something up may change what waits.
  const withStatus = async <T>(work: () => Promise<T> | T): Promise<T> => {
    try {
      return await work();
    } finally {
      await refreshStatus();
    }
  };
  return {
    'terminal.nextOrderId': ({ accountId }) => ({ orderId: journal.peekOrderId(accounts.get(accountId).id) }),
    'terminal.checkOrderId': ({ accountId, orderId }) => ({ available: !journal.getOperationByOrderId(accounts.get(accountId).id, orderId) }),
    'terminal.findDuplicates': ({ accountId, last4, amount }) => payments.findDuplicates(accountId, last4, amount),
    'payments.submit': (input, ctx) => withStatus(() => payments.submit(input, ctx)),
    'payments.rebill': (input, ctx) => withStatus(() => payments.rebill(input, ctx)),
    'operations.get': ({ operationId }) => payments.get(operationId),
    'operations.capture': (input, ctx) => withStatus(() => payments.followUp('capture', input, ctx)),
    'operations.refund': (input, ctx) => withStatus(() => payments.followUp('refund', input, ctx)),
    'operations.void': (input, ctx) => withStatus(() => payments.followUp('void', input, ctx)),
    'operations.checkStatus': ({ operationId }) => withStatus(() => payments.checkStatus(operationId)),
    'operations.stopInstalments': ({ operationId }, ctx) => withStatus(() => payments.stopInstalments(operationId, ctx)),
    'operations.abandon': ({ operationId, reason }, ctx) => withStatus(() => payments.abandon(operationId, reason, ctx)),
  };
}
