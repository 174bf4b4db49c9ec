import { useCallback, useRef, useState } from 'react';
import type { Approval } from '../../../../shared/contract/operators.js';
import type { ContractError } from '../../../../shared/contract/result.js';
import type { OperationView, RefundReason } from '../../../../shared/contract/terminal.js';
import { useClient } from '../../contract/client-context.js';
import { newIdempotencyKey } from './idempotency-key.js';

export type FollowUpKind = 'capture' | 'refund' | 'void' | 'checkStatus' | 'stopInstalments' | 'abandon';

/**
 * Capture, refund, void, status checks, stopping instalments and closing an abandoned payment
 * from the outcome screen. One call at a time; each money-moving intent keeps its idempotency
 * key until it succeeds, so retrying after a lost answer replays the first result instead of
 * moving money twice. Stopping instalments needs no key: asking again is harmless.
 */
export function useFollowUps() {
  const client = useClient();
  const keys = useRef(new Map<string, string>());
  const lock = useRef(false);
  const [busy, setBusy] = useState<FollowUpKind | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  // Which call the error is about, so it is shown where that call was asked for.
  const [failed, setFailed] = useState<FollowUpKind | null>(null);

  const run = useCallback(
    async (kind: FollowUpKind, operationId: number, amount?: number, reason?: RefundReason, approval?: Approval): Promise<OperationView | undefined> => {
      if (lock.current) return undefined;
      lock.current = true;
      setBusy(kind);
      setError(null);
      setFailed(null);
      const intent = `${kind}:${operationId}:${amount ?? 'full'}`;
      const idempotencyKey = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, idempotencyKey);
      const withAmount = amount === undefined ? {} : { amount };
      try {
        const result =
          kind === 'capture'
            ? await client.call('operations.capture', { operationId, idempotencyKey, ...withAmount })
            : kind === 'refund'
              ? await client.call('operations.refund', {
                  operationId,
                  idempotencyKey,
                  ...withAmount,
                  reason: reason as RefundReason,
                  ...(approval ? { approval } : {}),
                })
              : kind === 'void'
                ? await client.call('operations.void', { operationId, idempotencyKey })
                : kind === 'stopInstalments'
                  ? await client.call('operations.stopInstalments', { operationId })
                  : kind === 'abandon'
                    ? await client.call('operations.abandon', { operationId })
                    : await client.call('operations.checkStatus', { operationId });
        if (!result.ok) {
          setError(result.error);
          setFailed(kind);
          return undefined;
        }
        keys.current.delete(intent);
        return 'operation' in result.value ? result.value.operation : result.value;
      } finally {
        lock.current = false;
        setBusy(null);
      }
    },
    [client],
  );

  /** The parent's remaining amounts change after a follow-up; ask core rather than guess. */
  const refresh = useCallback(
    async (operationId: number): Promise<OperationView | undefined> => {
      const result = await client.call('operations.get', { operationId });
      return result.ok ? result.value : undefined;
    },
    [client],
  );

  return { run, refresh, busy, error, failed, clearError: () => setError(null) };
}
