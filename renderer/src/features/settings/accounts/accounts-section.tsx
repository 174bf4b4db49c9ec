import { Alert, Badge, Box, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { AccountFields, AccountSummary, ConnectionTest } from '../../../../../shared/contract/accounts.js';
import { ContractCallError, unwrap } from '../../../../../shared/contract/client.js';
import { CONNECTION_VERDICTS } from '../../../../../shared/domain/connection-verdicts.js';
import { contractErrorText } from '../../../app/contract-error-text.js';
import { useAccounts, useClient, useEvent } from '../../../contract/client-context.js';
import { formatDateTime } from '../../../i18n/format-date-time.js';
import { AccountForm } from './account-form.js';
import { VaultPanel } from './vault-panel.js';

/** One call at a time per row; its refusal shown in the operator's language. */
function useRowAction() {
  const intl = useIntl();
  const queries = useQueryClient();
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setRefusal(undefined);
    try {
      return await work();
    } catch (error) {
      setRefusal(error instanceof ContractCallError ? contractErrorText(intl, error) : String(error));
      return undefined;
    } finally {
      setPending(false);
      await queries.invalidateQueries({ queryKey: ['accounts.list'] });
    }
  };
  return { pending, refusal, run };
}

function AccountRow({ account, onEdit }: { account: AccountSummary; onEdit(): void }) {
  const intl = useIntl();
  const client = useClient();
  const { pending, refusal, run } = useRowAction();
  const [password, setPassword] = useState('');
  const [test, setTest] = useState<ConnectionTest>();
  const [saved, setSaved] = useState(false);
  const locale = intl.locale.startsWith('fr') ? 'fr' : 'en';
  // The listener path's health: the last notification this account's IDENTIFIER sent.
  const lastNotification = useEvent('app.status')?.notifications.lastReceivedByAccount[account.identifier];

  const savePassword = (event: FormEvent) => {
    event.preventDefault();
    const typed = password;
    // Emptied at once: the renderer keeps no password after submit.
    setPassword('');
    setSaved(false);
    void run(async () => {
      await unwrap(client.call('accounts.setPassword', { accountId: account.id, password: typed }));
      setSaved(true);
    });
  };
  const verdict = test ? CONNECTION_VERDICTS[test.verdict][locale] : undefined;
  const good = test?.verdict === 'ok' || test?.verdict === 'slow';

  return (
    <Paper withBorder radius="md" p="md" data-testid={`account-row-${account.id}`} aria-label={account.name} component="section">
      <Stack gap="xs">
        <Group gap="sm">
          <Box w={14} h={14} bg={account.colour} style={{ borderRadius: 7 }} aria-hidden />
          <Text fw={700}>{account.name}</Text>
          <Badge color={account.environment === 'live' ? 'red' : 'yellow'} variant="filled">
            {intl.formatMessage({ id: `terminal.environment.${account.environment}` })}
          </Badge>
          <Text size="sm" c="dimmed">
            {account.identifier} · {account.currency} · {intl.formatMessage({ id: `accounts.environment.${account.connection.kind}` })}
          </Text>
          {!account.isSandbox && <Badge variant="light">{intl.formatMessage({ id: `accounts.password.${account.password}` })}</Badge>}
          {account.disabled && <Badge color="gray">{intl.formatMessage({ id: 'accounts.disabled' })}</Badge>}
        </Group>
        {account.notificationUrl && <Text size="sm">{intl.formatMessage({ id: 'accounts.notificationUrl' }, { url: account.notificationUrl })}</Text>}
        <Text size="sm" c="dimmed">
          {intl.formatMessage({ id: `accounts.notifications.mode.${account.notifications.mode}` })}{' '}
          {lastNotification === undefined
            ? intl.formatMessage({ id: 'accounts.notifications.none' })
            : intl.formatMessage({ id: 'accounts.notifications.last' }, { time: formatDateTime(intl, lastNotification) })}
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            loading={pending}
            onClick={() =>
              void run(async () => {
                setTest(undefined);
                setTest(await unwrap(client.call('accounts.testConnection', { accountId: account.id })));
              })
            }
          >
            {intl.formatMessage({ id: 'accounts.test' }, { account: account.name })}
          </Button>
          {!account.isSandbox && (
            <>
              <Button size="xs" variant="default" onClick={onEdit}>
                {intl.formatMessage({ id: 'accounts.edit' }, { account: account.name })}
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => void run(() => unwrap(client.call('accounts.setDisabled', { accountId: account.id, disabled: !account.disabled })))}
              >
                {intl.formatMessage({ id: account.disabled ? 'accounts.enable' : 'accounts.disable' }, { account: account.name })}
              </Button>
              {!account.hasOperations && (
                <Button size="xs" color="red" variant="light" onClick={() => void run(() => unwrap(client.call('accounts.remove', { accountId: account.id })))}>
                  {intl.formatMessage({ id: 'accounts.delete' }, { account: account.name })}
                </Button>
              )}
            </>
          )}
        </Group>
        {!account.isSandbox && (
          <form onSubmit={savePassword} noValidate>
            <Group align="flex-end" gap="xs">
              <PasswordInput
                label={intl.formatMessage({ id: 'accounts.field.newPassword' }, { account: account.name })}
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                autoComplete="new-password"
                w={280}
              />
              <Button type="submit" size="sm" variant="default" disabled={password === ''}>
                {intl.formatMessage({ id: 'accounts.setPassword' })}
              </Button>
            </Group>
          </form>
        )}
        {saved && (
          <Text size="sm" role="status" c="teal.9">
            {intl.formatMessage({ id: 'accounts.passwordSaved' })}
          </Text>
        )}
        {test && verdict && (
          <Alert color={good ? 'teal' : 'red'} role="status" data-testid="connection-test" data-verdict={test.verdict} title={verdict.said}>
            <Text size="sm">{verdict.next}</Text>
            {test.execCode && (
              <Text size="xs" c="dimmed">
                {intl.formatMessage({ id: 'accounts.execCode' }, { code: test.execCode })}
              </Text>
            )}
          </Alert>
        )}
        {refusal && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** Settings → Accounts: the vault, the accounts, and the form that adds or edits one (administrators). */
export function AccountsSection() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const accounts = useAccounts();
  const [editing, setEditing] = useState<AccountSummary | 'new'>();
  const list = accounts.data?.accounts ?? [];

  const save = async (fields: AccountFields, password: string | undefined) => {
    if (editing === 'new') await unwrap(client.call('accounts.add', { account: fields, ...(password === undefined ? {} : { password }) }));
    else if (editing) await unwrap(client.call('accounts.update', { accountId: editing.id, account: fields }));
    await queries.invalidateQueries({ queryKey: ['accounts.list'] });
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="settings-accounts">
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-accounts">
          {intl.formatMessage({ id: 'accounts.title' })}
        </Title>
        <Text size="sm" c="dimmed">
          {intl.formatMessage({ id: 'accounts.hint' })}
        </Text>
        <VaultPanel />
        {list.map((account) => (
          <AccountRow key={account.id} account={account} onEdit={() => setEditing(account)} />
        ))}
        {editing ? (
          <AccountForm
            key={editing === 'new' ? 'new' : editing.id}
            account={editing === 'new' ? undefined : editing}
            onSave={save}
            onDone={() => setEditing(undefined)}
          />
        ) : (
          <Button w="fit-content" onClick={() => setEditing('new')}>
            {intl.formatMessage({ id: 'accounts.add' })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
