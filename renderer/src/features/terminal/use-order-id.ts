import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { unwrap, type ContractClient } from '../../../../shared/contract/client.js';
import { OrderId } from '../../../../shared/contract/terminal.js';
import { useClient } from '../../contract/client-context.js';
import { useTerminalStore } from '../../state/terminal-store.js';
import type { OrderIdAvailability } from './validate-payment.js';

// Asking again is harmless (core's preview takes nothing), but one question per draft and
// account is enough, even when React runs an effect twice.
const requested = new Map<string, Promise<string>>();

function nextOrderId(client: ContractClient, draftKey: string, accountId: number): Promise<string> {
  const key = `${draftKey}:${accountId}`;
  let pending = requested.get(key);
  if (!pending) {
    pending = unwrap(client.call('terminal.nextOrderId', { accountId })).then((answer) => answer.orderId);
    // Both runs of a double effect happen before the answer, so it can be forgotten once in.
    void pending.finally(() => requested.delete(key)).catch(() => undefined);
    requested.set(key, pending);
  }
  return pending;
}

const CHECK_DELAY_MS = 300;

/**
 * Fills the draft's ORDERID with the account's next free one (a preview: core takes it when the
 * payment is sent, so page loads and cleared forms use nothing up), then checks whatever is in
 * the field for uniqueness as the operator types (debounced; Dalenys itself never checks). A
 * generated reference another desk sends first is replaced by the next free one.
 */
export function useOrderId(accountId: number | undefined): { availability: OrderIdAvailability; generationFailed: boolean; refresh(): void } {
  const client = useClient();
  const draftKey = useTerminalStore((state) => state.draft.idempotencyKey);
  const orderId = useTerminalStore((state) => state.draft.orderId);
  const edited = useTerminalStore((state) => state.draft.orderIdEdited);
  const [generationFailed, setGenerationFailed] = useState(false);

  useEffect(() => {
    // An operator who emptied the field is typing their own: do not put a number back.
    if (accountId === undefined || orderId !== '' || edited) return;
    let current = true;
    nextOrderId(client, draftKey, accountId).then(
      (generated) => {
        const { draft, editDraft } = useTerminalStore.getState();
        if (draft.idempotencyKey === draftKey && draft.accountId === accountId && draft.orderId === '' && !draft.orderIdEdited)
          editDraft({ orderId: generated });
        if (current) setGenerationFailed(false);
      },
      () => current && setGenerationFailed(true),
    );
    return () => {
      current = false;
    };
  }, [client, draftKey, accountId, orderId, edited]);

  const [settled] = useDebouncedValue(orderId, CHECK_DELAY_MS);
  const checkable = accountId !== undefined && OrderId.safeParse(settled).success;
  const check = useQuery({
    queryKey: ['terminal.checkOrderId', accountId, settled],
    queryFn: () => unwrap(client.call('terminal.checkOrderId', { accountId: accountId as number, orderId: settled })),
    enabled: checkable,
    staleTime: 0,
    retry: false,
  });

  let availability: OrderIdAvailability = 'unknown';
  if (!checkable) availability = 'unknown';
  else if (settled !== orderId || check.isFetching) availability = 'checking';
  else if (check.data) availability = check.data.available ? 'available' : 'taken';

  useEffect(() => {
    if (availability === 'taken' && !edited) useTerminalStore.getState().editDraft({ orderId: '' });
  }, [availability, edited]);

  /** The operator asks for the next free reference again (after typing their own, say). */
  const refresh = () => useTerminalStore.getState().editDraft({ orderId: '', orderIdEdited: false });
  return { availability, generationFailed, refresh };
}
