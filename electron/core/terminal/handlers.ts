import type { terminalOperations } from '../../../shared/contract/terminal.js';
import type { AccountDirectory } from '../accounts/account-directory.js';
import type { HandlerSlice } from '../dispatcher.js';
import type { Journal } from '../journal/index.js';
import type { PaymentService } from '../payments/payment-service.js';
import type { Approvals } from '../operators/approvals.js';
import { clerkMaySee } from '../operators/visibility.js';
import { roleAllows } from '../../../shared/contract/roles.js';
import { CoreError } from '../errors.js';

export interface TerminalServices {
  readonly journal: Journal;
  readonly accounts: AccountDirectory;
  readonly payments: PaymentService;
  /** Publishes the status line again (what waits for a confirmation may have changed). */
  readonly refreshStatus: () => Promise<unknown>;
  /** Refunds and credits above the caller's ceiling need a second operator (issue 17). */
  readonly approvals: Approvals;
  /** The gate of issue 17: a real account is used only once an administrator exists. */
  readonly requireAdministratorExists: () => void;
}

/**
 * The terminal capability's handlers (contract: `shared/contract/terminal.ts`): the form's
 * checks, charges and follow-ups. Money moves in `PaymentService`; this maps each operation
 * onto it.
 */
export function terminalHandlers({
  journal,
  accounts,
  payments,
  refreshStatus,
  approvals,
  requireAdministratorExists,
}: TerminalServices): HandlerSlice<typeof terminalOperations> {
  // An unknown account is left to the service, which refuses it in its own words.
  const useAccount = (accountId: number) => {
    const account = journal.getAccount(accountId);
    if (account && !accounts.summary(account).isSandbox) requireAdministratorExists();
  };
  /** The operation a follow-up starts from, after the account gate. */
  const parentFor = (operationId: number) => {
    const parent = payments.get(operationId);
    useAccount(parent.accountId);
    return parent;
  };
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
    'payments.submit': async (input, ctx) => {
      useAccount(input.accountId);
      if (input.operation === 'credit') {
        // A credit sends money to a card with no payment behind it: a supervisor's, like a refund.
        if (!roleAllows(ctx.role, 'supervisor')) throw new CoreError('FORBIDDEN');
        const account = accounts.get(input.accountId);
        await approvals.check(
          ctx,
          { accountId: account.id, amount: input.amount, currency: account.currency, what: `credit ${input.orderId}` },
          input.approval,
        );
      }
      return withStatus(() => payments.submit(input, ctx));
    },
    'payments.rebill': (input, ctx) => {
      useAccount(input.accountId);
      return withStatus(() => payments.rebill(input, ctx));
    },
    'operations.get': ({ operationId }, ctx) => {
      const view = payments.get(operationId);
      if (!clerkMaySee(ctx, view)) throw new CoreError('FORBIDDEN');
      return view;
    },
    'operations.capture': (input, ctx) => {
      parentFor(input.operationId);
      return withStatus(() => payments.followUp('capture', input, ctx));
    },
    'operations.refund': async (input, ctx) => {
      const parent = parentFor(input.operationId);
      // "The rest" when no amount is given: what the parent can still give back.
      const amount = input.amount ?? parent.actions.refundableAmount;
      await approvals.check(ctx, { accountId: parent.accountId, amount, currency: parent.currency, what: `refund of operation ${parent.id}` }, input.approval);
      return withStatus(() => payments.followUp('refund', input, ctx));
    },
    'operations.void': (input, ctx) => {
      parentFor(input.operationId);
      return withStatus(() => payments.followUp('void', input, ctx));
    },
    'operations.checkStatus': ({ operationId }) => withStatus(() => payments.checkStatus(operationId)),
    'operations.stopInstalments': ({ operationId }, ctx) => withStatus(() => payments.stopInstalments(operationId, ctx)),
    'operations.abandon': ({ operationId, reason }, ctx) => withStatus(() => payments.abandon(operationId, reason, ctx)),
  };
}
