import { useCallback, useRef } from 'react';
import type { OperationOutput } from '../../../../shared/contract/operations.js';
import type { Result } from '../../../../shared/contract/result.js';
import { useClient } from '../../contract/client-context.js';
import type { Outgoing } from './build-submission.js';

/**
 * Sends a payment once. The lock is a ref, set before the first await, so a second Enter or
 * click in the same tick cannot send again; it is not React state, so taking it re-renders
 * nothing while the request is in flight (the review dialog shows its own spinner). The
 * submission is built inside the lock and goes straight to the transport: no TanStack
 * mutation, whose cache would keep the card number.
 */
export function usePaymentSubmit() {
  const client = useClient();
  const lock = useRef(false);
  const submit = useCallback(
    async (build: () => Outgoing): Promise<Result<OperationOutput<'payments.submit'>> | undefined> => {
      if (lock.current) return undefined;
      lock.current = true;
      try {
        const outgoing = build();
        return outgoing.channel === 'payments.submit'
          ? await client.call('payments.submit', outgoing.input)
          : await client.call('payments.rebill', outgoing.input);
      } finally {
        lock.current = false;
      }
    },
    [client],
  );
  return { submit };
}
