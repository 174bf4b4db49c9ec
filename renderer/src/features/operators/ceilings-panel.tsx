import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { unwrap } from '../../../../shared/contract/client.js';
import { amountInputText, parseAmount } from '../../../../shared/domain/money.js';
import { useAccounts, useClient } from '../../contract/client-context.js';

const ROLES = ['clerk', 'supervisor'] as const;

function CeilingRow({ account, role, current }: { account: AccountSummary; role: (typeof ROLES)[number]; current: number | null }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const [text, setText] = useState(() => (current === null ? '' : amountInputText(current, account.currency, intl.locale)));
  const parsed = text.trim() === '' ? ({ ok: true, minor: null } as const) : parseAmount(text, account.currency, intl.locale);
  const save = useMutation({
    mutationFn: (ceiling: number | null) => unwrap(client.call('approvals.setCeiling', { accountId: account.id, role, ceiling })),
    onSuccess: (saved) => queries.setQueryData(['approvals.ceilings'], saved),
  });
  const label = intl.formatMessage(
    { id: 'ceilings.field' },
    { account: account.name, role: intl.formatMessage({ id: `role.${role}` }), currency: account.currency },
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (parsed.ok) save.mutate(parsed.minor);
      }}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          label={label}
          inputMode="decimal"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={parsed.ok ? undefined : intl.formatMessage({ id: 'ceilings.invalid' })}
          autoComplete="off"
          data-testid={`ceiling-${account.id}-${role}`}
          w={280}
        />
        <Button type="submit" variant="default" loading={save.isPending} data-testid={`ceiling-save-${account.id}-${role}`}>
          {intl.formatMessage({ id: 'ceilings.save' })}
        </Button>
        {save.isSuccess && (
          <Text size="sm" role="status" c="teal.9">
            {intl.formatMessage({ id: 'ceilings.saved' })}
          </Text>
        )}
      </Group>
    </form>
  );
}

/** Per account and role, the largest refund or credit without a second operator's approval (empty: no ceiling). */
export function CeilingsPanel() {
  const intl = useIntl();
  const client = useClient();
  const accounts = useAccounts();
  const ceilings = useQuery({ queryKey: ['approvals.ceilings'], queryFn: () => unwrap(client.call('approvals.ceilings')) });
  if (!ceilings.data) return null;
  const find = (accountId: number, role: string) =>
    ceilings.data.ceilings.find((entry) => entry.accountId === accountId && entry.role === role)?.ceiling ?? null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="settings-ceilings">
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-ceilings">
          {intl.formatMessage({ id: 'ceilings.title' })}
        </Title>
        <Text size="sm" c="dimmed">
          {intl.formatMessage({ id: 'ceilings.hint' })}
        </Text>
        {(accounts.data?.accounts ?? []).flatMap((account) =>
          ROLES.map((role) => <CeilingRow key={`${account.id}-${role}`} account={account} role={role} current={find(account.id, role)} />),
        )}
      </Stack>
    </Paper>
  );
}
