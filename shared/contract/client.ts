import type { EventName, OperationName } from './channels.js';
import { events, type EventPayload } from './events.js';
import type { OperationInput, OperationOutput } from './operations.js';
import type { ContractIssue, Result } from './result.js';
import type { Transport } from './transport.js';

/** The typed face of a transport: names, inputs and outputs checked by the compiler. */
export interface ContractClient {
  call<N extends OperationName>(name: N, ...input: OptionalIfEmpty<OperationInput<N>>): Promise<Result<OperationOutput<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

type OptionalIfEmpty<I> = undefined extends I ? [input?: I] : [input: I];

export function createClient(transport: Transport): ContractClient {
  return {
    call: (name, ...input) => transport.invoke(name, input[0]) as Promise<Result<never>>,
    on(event, listener) {
      // Events come from core, but through a transport: parse before the UI trusts them.
      return transport.subscribe(event, (payload) => {
        const parsed = events[event].payload.safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
  };
}

/** Unwraps an envelope for TanStack Query, which expects a rejected promise on failure. */
export class ContractCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Which fields were refused, so a form can mark them. */
    readonly issues: readonly ContractIssue[] = [],
  ) {
    super(message);
    this.name = 'ContractCallError';
  }
}

export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (settled.ok) return settled.value;
  throw new ContractCallError(settled.error.code, settled.error.message, settled.error.issues);
}
