import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventName } from '../../../shared/contract/channels.js';
import { unwrap, type ContractClient } from '../../../shared/contract/client.js';
import type { EventPayload } from '../../../shared/contract/events.js';
import type { SettingsPatch } from '../../../shared/contract/settings.js';

const ClientContext = createContext<ContractClient | undefined>(undefined);

export function ClientProvider({ client, children }: { client: ContractClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): ContractClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}

export function useAppInfo() {
  const client = useClient();
  return useQuery({ queryKey: ['app.info'], queryFn: () => unwrap(client.call('app.info')), staleTime: Infinity });
}

export function useSettings() {
  const client = useClient();
  return useQuery({ queryKey: ['settings.get'], queryFn: () => unwrap(client.call('settings.get')) });
}

export function useUpdateSettings() {
  const client = useClient();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => unwrap(client.call('settings.update', patch)),
    onSuccess: (saved) => queries.setQueryData(['settings.get'], saved),
  });
}

/** The latest payload of a core event (core replays the current one on subscribe). */
export function useEvent<E extends EventName>(event: E): EventPayload<E> | undefined {
  const client = useClient();
  const [payload, setPayload] = useState<EventPayload<E>>();
  useEffect(() => client.on(event, setPayload), [client, event]);
  return payload;
}

/** The gateway accounts this desk can charge; rarely changes, so it is cached. */
export function useAccounts() {
  const client = useClient();
  return useQuery({ queryKey: ['accounts.list'], queryFn: () => unwrap(client.call('accounts.list')), staleTime: 60_000 });
}

/**
 * Every payload of an event, as it comes (unlike `useEvent`, which keeps only the latest).
 * The listener may change between renders without resubscribing.
 */
export function useEventListener<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const client = useClient();
  const current = useRef(listener);
  useEffect(() => {
    current.current = listener;
  });
  useEffect(() => client.on(event, (payload) => current.current(payload)), [client, event]);
}
