import type { operatorsOperations } from '../../../shared/contract/operators.js';
import type { AccountDirectory } from '../accounts/account-directory.js';
import type { CallContext, HandlerSlice } from '../dispatcher.js';
import { CoreError } from '../errors.js';
import type { Journal } from '../journal/index.js';
import { operatorSummary, type OperatorDirectory } from './operator-directory.js';
import type { SessionRegistry } from './sessions.js';

export interface OperatorsServices {
  readonly journal: Journal;
  readonly operators: OperatorDirectory;
  readonly sessions: SessionRegistry;
  readonly accounts: AccountDirectory;
  readonly now: () => number;
}

/** A session operation needs the host's session; a call core makes with a fixed identity has none. */
function sessionOf(ctx: CallContext): string {
  if (ctx.session === undefined) throw new CoreError('FORBIDDEN');
  return ctx.session;
}

/** The operators capability's handlers (contract: `shared/contract/operators.ts`). */
export function operatorsHandlers({ journal, operators, sessions, accounts, now }: OperatorsServices): HandlerSlice<typeof operatorsOperations> {
  const ceilings = () => ({ ceilings: journal.operators.ceilings() });
  return {
    'session.get': (_input, ctx) => sessions.state(sessionOf(ctx)),
    'session.signIn': ({ name, secret }, ctx) => sessions.signIn(sessionOf(ctx), name, secret),
    'session.signOut': (_input, ctx) => sessions.signOut(sessionOf(ctx)),
    'session.lock': (input, ctx) => sessions.lock(sessionOf(ctx), input?.reason ?? 'asked'),
    'operators.list': () => ({ operators: operators.list() }),
    'operators.create': async (input, ctx) => {
      const first = !operators.anyOperator();
      const created = await operators.create(input, ctx.operator);
      // The desk that creates the first administrator goes on as them: no lock-out of the
      // very person who just set the secret.
      if (first && ctx.session !== undefined) sessions.adopt(ctx.session, created.id);
      return operatorSummary(created, now());
    },
    'operators.update': async (input, ctx) => operatorSummary(await operators.update(input, ctx.operator), now()),
    'approvals.ceilings': ceilings,
    'approvals.setCeiling': ({ accountId, role, ceiling }, ctx) => {
      accounts.get(accountId);
      const before = journal.operators.ceilings().find((entry) => entry.accountId === accountId && entry.role === role)?.ceiling ?? null;
      journal.operators.setCeiling(accountId, role, ceiling, () =>
        journal.audit.append(now(), ctx.operator, 'approvals.setCeiling', { accountId, role, before, after: ceiling }),
      );
      return ceilings();
    },
  };
}
