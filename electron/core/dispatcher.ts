import type { z } from 'zod';
import { isOperationName, OPERATION_NAMES, type OperationName } from '../../shared/contract/channels.js';
import { composeSlices, type OperationSlice, type SliceComposer } from '../../shared/contract/define.js';
import { operations, type Operations } from '../../shared/contract/operations.js';
import { fail, ok, type ContractIssue, type Result } from '../../shared/contract/result.js';
import { roleAllows, type Role } from '../../shared/contract/roles.js';
import { CORE_ERRORS } from '../../shared/errors/core.js';
import { ERRORS } from '../../shared/errors/index.js';
import { OPERATORS_ERRORS } from '../../shared/errors/operators.js';
import { PAYMENTS_ERRORS } from '../../shared/errors/payments.js';
import type { CallObserver } from './audit/call-audit.js';
import { cardNumberGuard } from './card-number-guard.js';
import { CoreError } from './errors.js';
import type { Logger } from './logging/logger.js';

export type TransportKind = 'electron' | 'web' | 'memory';

/** Who is calling, as established by the transport (never by the payload). */
export interface CallContext {
  readonly role: Role;
  readonly operator: string | null;
  readonly transport: TransportKind;
  /** The host's session this call came through (see `operators/sessions.ts`); absent for calls core makes with a fixed identity. */
  readonly session?: string;
}

/**
 * A capability's handlers, one per operation of its contract slice, typed by it: each gets the
 * parsed input and answers the declared output. Each capability exports one, from
 * `electron/core/<capability>/handlers.ts`.
 */
export type HandlerSlice<S extends OperationSlice> = {
  readonly [N in keyof S]: (input: z.output<S[N]['input']>, ctx: CallContext) => Promise<z.output<S[N]['output']>> | z.output<S[N]['output']>;
};

export type Handlers = HandlerSlice<Operations>;

/**
 * Core's handler slices put together. It compiles only when they handle every operation
 * exactly once (the error names what is missing, unknown or handled twice).
 */
export const composeHandlers: SliceComposer<OperationName> = composeSlices(OPERATION_NAMES);

export interface Dispatcher {
  invoke(channel: unknown, payload: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

/** Zod issues become paths and messages; the offending values are never echoed back. */
export function issuesOf(error: z.ZodError): ContractIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message }));
}

/**
 * The single entry point behind every transport: name check, input validation, role check,
 * card-number guard, handler, output check, envelope. Whatever a transport delivers, the
 * answer is a Result.
 */
export function createDispatcher(handlers: Handlers, logger: Logger, observe?: CallObserver): Dispatcher {
  const cardNumberIn = Object.fromEntries(OPERATION_NAMES.map((name) => [name, cardNumberGuard(operations[name].input)])) as Record<
    OperationName,
    ReturnType<typeof cardNumberGuard>
  >;
  return {
    async invoke(channel, payload, ctx) {
      if (!isOperationName(channel)) return fail('UNKNOWN_OPERATION', CORE_ERRORS.UNKNOWN_OPERATION.en);
      const spec = operations[channel];
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) return fail('INVALID_INPUT', CORE_ERRORS.INVALID_INPUT.en, issuesOf(parsed.error));
      if (!roleAllows(ctx.role, spec.role)) {
        // Nobody signed in (or the desk is locked): say to sign in, not that a role is missing.
        return ctx.role === 'public' ? fail('SESSION_REQUIRED', OPERATORS_ERRORS.SESSION_REQUIRED.en) : fail('FORBIDDEN', CORE_ERRORS.FORBIDDEN.en);
      }
      // A card number typed into any text (a holder, a reference, a note, whatever a form adds
      // later) is refused before a handler, the journal or the gateway sees it.
      const cardIn = cardNumberIn[channel](parsed.data);
      if (cardIn !== undefined) {
        return fail('PAYMENT_CARD_NUMBER_IN_TEXT', PAYMENTS_ERRORS.PAYMENT_CARD_NUMBER_IN_TEXT.en, [
          { path: cardIn, message: 'This looks like a card number' },
        ]);
      }
      const observed = await Promise.resolve()
        .then(() => observe?.(channel, parsed.data, ctx))
        .catch((error: unknown) => logger.error({ operation: channel, err: error }, 'the audit could not read what a call changes'));
      const result = await run(channel, parsed.data, ctx);
      try {
        await observed?.(result);
      } catch (error) {
        // The call itself is done (money may have moved): its answer is still given; the log says the audit failed.
        logger.error({ operation: channel, err: error }, 'the audit could not record a call');
      }
      return result;
    },
  };

  async function run(channel: OperationName, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
    const spec = operations[channel];
    try {
      const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(input, ctx);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        logger.error({ operation: channel, issues: issuesOf(checked.error) }, 'handler returned a value outside its contract');
        return fail('INTERNAL_ERROR', CORE_ERRORS.INTERNAL_ERROR.en);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof CoreError) return fail(error.code, error.message, error.issues, error.params);
      // Capability errors (journal, gateway…) carry a catalog code; their words come from the
      // catalog, never from the exception, whose message may hold internal detail.
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && Object.hasOwn(ERRORS, code)) {
        logger.warn({ operation: channel, code }, 'operation refused');
        return fail(code, (ERRORS[code] as { en: string }).en);
      }
      logger.error({ operation: channel, err: error }, 'operation failed');
      return fail('INTERNAL_ERROR', CORE_ERRORS.INTERNAL_ERROR.en);
    }
  }
}
