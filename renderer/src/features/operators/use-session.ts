import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../../shared/contract/client.js';
import type { SessionState } from '../../../../shared/contract/operators.js';
import { useClient } from '../../contract/client-context.js';

/** Who is at this desk, as core knows it (the host's session, never the page's word). */
export function useSession() {
  const client = useClient();
  return useQuery({ queryKey: ['session.get'], queryFn: () => unwrap(client.call('session.get')) });
}

/**
 * Sign-in, sign-out and lock change who calls: whatever was fetched as someone else is dropped,
 * so a clerk never sees what a supervisor's screen had loaded.
 */
export function useSessionChange() {
  const client = useClient();
  const queries = useQueryClient();
  const after = (state: SessionState) => {
    queries.removeQueries({ predicate: (query) => query.queryKey[0] !== 'settings.get' && query.queryKey[0] !== 'app.info' });
    queries.setQueryData(['session.get'], state);
  };
  return {
    signIn: useMutation({ mutationFn: (input: { name: string; secret: string }) => unwrap(client.call('session.signIn', input)), onSuccess: after }),
    signOut: useMutation({ mutationFn: () => unwrap(client.call('session.signOut')), onSuccess: after }),
    lock: useMutation({ mutationFn: (reason: 'idle' | 'asked') => unwrap(client.call('session.lock', { reason })), onSuccess: after }),
  };
}
