import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { SignInScreen } from './sign-in-screen.js';
import { useIdleLock } from './use-idle-lock.js';
import { useSession } from './use-session.js';

/**
 * The app when someone may use it: the desk's implicit administrator (no operator yet) or a
 * signed-in operator; the sign-in screen otherwise. The UI mirrors core's decision; core
 * refuses any call regardless.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const state = session.data;
  useIdleLock(state !== undefined && !state.desk && state.operator !== null);
  if (session.isPending) return <FormattedMessage id="common.loading" />;
  if (!state || state.desk || state.operator) return <>{children}</>;
  return <SignInScreen key={state.lockedBy ?? 'nobody'} state={state} />;
}
