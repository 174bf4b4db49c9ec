import { Button, Group, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useSession, useSessionChange } from './use-session.js';

/** In the header: who is signed in, and Lock / Sign out. Nothing on a desk with no operator yet. */
export function SessionMenu() {
  const intl = useIntl();
  const session = useSession();
  const { lock, signOut } = useSessionChange();
  const operator = session.data?.operator;
  if (!operator) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" data-testid="session-operator">
        {intl.formatMessage({ id: 'session.signedInAs' }, { name: operator.name, role: intl.formatMessage({ id: `role.${operator.role}` }) })}
      </Text>
      <Button size="xs" variant="default" onClick={() => lock.mutate('asked')} data-testid="session-lock">
        {intl.formatMessage({ id: 'session.lock' })}
      </Button>
      <Button size="xs" variant="subtle" onClick={() => signOut.mutate()} data-testid="session-sign-out">
        {intl.formatMessage({ id: 'session.signOut' })}
      </Button>
    </Group>
  );
}
