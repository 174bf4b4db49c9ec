import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { ContractCallError, unwrap } from '../../../../../shared/contract/client.js';
import { contractErrorText } from '../../../app/contract-error-text.js';
import { useClient } from '../../../contract/client-context.js';

function useVaultStatus() {
  const client = useClient();
  return useQuery({ queryKey: ['accounts.vaultStatus'], queryFn: () => unwrap(client.call('accounts.vaultStatus')) });
}

/**
 * The vault of real accounts' passwords: choose its passphrase, unlock it after a start, or
 * (desktop, Linux without a keyring) accept basic_text after the warning. The passphrase is
 * sent once and the fields are emptied: nothing here keeps it.
 */
export function VaultPanel() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const status = useVaultStatus();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [checked, setChecked] = useState(false);
  const state = status.data;
  if (!state) return null;

  const run = async (work: () => Promise<unknown>) => {
    setPending(true);
    setRefusal(undefined);
    try {
      await work();
      setChecked(false);
      await queries.invalidateQueries({ queryKey: ['accounts.vaultStatus'] });
      await queries.invalidateQueries({ queryKey: ['accounts.list'] });
    } catch (error) {
      setRefusal(error instanceof ContractCallError ? contractErrorText(intl, error) : String(error));
    } finally {
      // Emptied whatever the outcome: the passphrase lives in this form only while typed.
      setPassphrase('');
      setAgain('');
      setPending(false);
    }
  };

  const settingUp = state.kind === 'passphrase' && (state.state === 'absent' || state.state === 'damaged');
  const tooShort = passphrase.length < 10 ? intl.formatMessage({ id: 'vault.tooShort' }) : undefined;
  const mismatch = settingUp && again !== passphrase ? intl.formatMessage({ id: 'vault.mismatch' }) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (tooShort || mismatch) return;
    const typed = passphrase;
    void run(() => unwrap(client.call(settingUp ? 'accounts.setUpVault' : 'accounts.unlockVault', { passphrase: typed })));
  };

  let body;
  if (state.kind === 'os') {
    body =
      state.state === 'ready' ? (
        <Text size="sm">{intl.formatMessage({ id: 'vault.os.ready' }, { backend: state.backend })}</Text>
      ) : state.state === 'needs_consent' ? (
        <Stack gap="xs">
          <Alert color="orange" role="alert">
            {intl.formatMessage({ id: 'vault.os.needsConsent' })}
          </Alert>
          <Button color="orange" w="fit-content" loading={pending} onClick={() => void run(() => unwrap(client.call('accounts.consentPlainTextVault')))}>
            {intl.formatMessage({ id: 'vault.os.consent' })}
          </Button>
        </Stack>
      ) : (
        <Alert color="red" role="alert">
          {intl.formatMessage({ id: 'vault.os.unavailable' })}
        </Alert>
      );
  } else if (state.state === 'unlocked') {
    body = (
      <Text size="sm" role="status">
        {intl.formatMessage({ id: 'vault.unlocked' })}
      </Text>
    );
  } else {
    body = (
      <form onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: settingUp ? 'vault.setUp' : 'vault.unlock' })}>
        <Stack gap="xs">
          {state.state === 'damaged' && (
            <Alert color="red" role="alert">
              {intl.formatMessage({ id: 'vault.damaged' })}
            </Alert>
          )}
          <Text size="sm">{intl.formatMessage({ id: state.state === 'locked' ? 'vault.locked' : 'vault.absent' })}</Text>
          <Group align="flex-start" gap="sm">
            <PasswordInput
              label={intl.formatMessage({ id: 'vault.passphrase' })}
              value={passphrase}
              onChange={(event) => setPassphrase(event.currentTarget.value)}
              error={checked ? tooShort : undefined}
              autoComplete={settingUp ? 'new-password' : 'current-password'}
              w={260}
            />
            {settingUp && (
              <PasswordInput
                label={intl.formatMessage({ id: 'vault.passphraseAgain' })}
                value={again}
                onChange={(event) => setAgain(event.currentTarget.value)}
                error={checked ? mismatch : undefined}
                autoComplete="new-password"
                w={260}
              />
            )}
          </Group>
          <Button type="submit" w="fit-content" loading={pending}>
            {intl.formatMessage({ id: settingUp ? 'vault.setUp' : 'vault.unlock' })}
          </Button>
        </Stack>
      </form>
    );
  }
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="settings-vault">
      <Stack gap="sm">
        <Title order={3} size="h5" id="settings-vault">
          {intl.formatMessage({ id: 'vault.title' })}
        </Title>
        {body}
        {refusal && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
