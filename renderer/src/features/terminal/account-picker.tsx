import { Badge, Box, Group, NativeSelect, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';

interface AccountPickerProps {
  readonly accounts: readonly AccountSummary[];
  readonly account: AccountSummary;
  onChange(accountId: number): void;
}

/** Which merchant account is charged, with its environment next to it, always. */
export function AccountPicker({ accounts, account, onChange }: AccountPickerProps) {
  const intl = useIntl();
  const swatch = <Box w={14} h={14} bg={account.colour} style={{ borderRadius: 7 }} aria-hidden data-testid="account-colour" />;
  const environment = (
    <Badge color={account.environment === 'live' ? 'red' : 'yellow'} variant="filled" data-testid="account-environment">
      {intl.formatMessage({ id: `terminal.environment.${account.environment}` })}
    </Badge>
  );
  if (accounts.length === 1) {
    return (
      <Group gap="sm">
        {swatch}
        <Text size="sm" fw={500}>
          {intl.formatMessage({ id: 'terminal.account' })}
        </Text>
        <Text size="sm" data-testid="account-name">
          {account.name} · {account.currency}
        </Text>
        {environment}
      </Group>
    );
  }
  return (
    <Group gap="sm" align="flex-end">
      {swatch}
      <NativeSelect
        label={intl.formatMessage({ id: 'terminal.account' })}
        value={String(account.id)}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
        data={accounts.map((option) => ({
          value: String(option.id),
          label: `${option.name} · ${option.currency} · ${intl.formatMessage({ id: `terminal.environment.${option.environment}` })}`,
        }))}
        miw={280}
      />
      {environment}
    </Group>
  );
}
