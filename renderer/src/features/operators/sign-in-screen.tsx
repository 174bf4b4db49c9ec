import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ContractCallError } from '../../../../shared/contract/client.js';
import type { SessionState } from '../../../../shared/contract/operators.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { useSessionChange } from './use-session.js';

/**
 * Shown instead of the whole app when nobody is signed in or the desk is locked: no card field,
 * customer or history is on screen (they are unmounted, so card fields start empty again).
 * Whoever locked it is offered first; anyone else may sign in instead.
 */
export function SignInScreen({ state }: { state: SessionState }) {
  const intl = useIntl();
  const { signIn } = useSessionChange();
  const [name, setName] = useState(state.lockedBy ?? '');
  const [secret, setSecret] = useState('');
  const refusal = signIn.error instanceof ContractCallError ? contractErrorText(intl, signIn.error) : undefined;
  return (
    <Center mih="100vh" p="lg">
      <Paper withBorder radius="md" p="xl" w={380} component="main">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim() && secret) signIn.mutate({ name: name.trim(), secret }, { onSettled: () => setSecret('') });
          }}
        >
          <Stack gap="md">
            <Title order={1} size="h3">
              {intl.formatMessage({ id: state.locked ? 'session.locked.title' : 'session.signIn.title' })}
            </Title>
            {state.locked && state.lockedBy && <Text size="sm">{intl.formatMessage({ id: 'session.locked.by' }, { name: state.lockedBy })}</Text>}
            <TextInput
              label={intl.formatMessage({ id: 'session.name' })}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              autoComplete="username"
              data-testid="sign-in-name"
              required
            />
            <PasswordInput
              label={intl.formatMessage({ id: 'session.secret' })}
              value={secret}
              onChange={(event) => setSecret(event.currentTarget.value)}
              autoComplete="current-password"
              data-testid="sign-in-secret"
              data-autofocus
              required
            />
            {refusal && (
              <Alert color="red" role="alert">
                {refusal}
              </Alert>
            )}
            <Button type="submit" loading={signIn.isPending} data-testid="sign-in-submit">
              {intl.formatMessage({ id: state.locked ? 'session.unlock' : 'session.signIn' })}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
