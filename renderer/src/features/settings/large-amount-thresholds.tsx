import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ContractCallError, unwrap } from '../../../../shared/contract/client.js';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { amountInputText, formatAmount, parseAmount } from '../../../../shared/domain/money.js';
import { useAccounts, useClient } from '../../contract/client-context.js';
import { amountFieldError } from '../../app/amount-error.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { errorText } from '../../app/field-error.js';

/** One account's threshold: typed in the account's currency, saved by an administrator (core checks the role). */
function ThresholdRow({ account }: { account: AccountSummary }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const [text, setText] = useState(() => amountInputText(account.largeAmountThreshold, account.currency, intl.locale));
  const parsed = parseAmount(text, account.currency, intl.locale);
  const fieldError = parsed.ok
    ? parsed.minor === 0
      ? { id: 'terminal.error.amount.zero' as const }
      : undefined
    : amountFieldError(parsed, account.currency, intl.locale);
  const save = useMutation({
    mutationFn: (threshold: number) => unwrap(client.call('accounts.setLargeAmountThreshold', { accountId: account.id, threshold })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['accounts.list'] }),
  });
  const refusal = save.error instanceof ContractCallError ? contractErrorText(intl, save.error) : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (parsed.ok && !fieldError) save.mutate(parsed.minor);
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={intl.formatMessage({ id: 'settings.largeAmount.field' }, { account: account.name, currency: account.currency })}
            description={intl.formatMessage(
              { id: 'settings.largeAmount.current' },
              { amount: formatAmount(account.largeAmountThreshold, account.currency, intl.locale) },
            )}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            inputMode="decimal"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={errorText(intl, fieldError)}
            autoComplete="off"
            w={280}
          />
          <Button type="submit" variant="default" loading={save.isPending} disabled={fieldError !== undefined}>
            {intl.formatMessage({ id: 'settings.largeAmount.save' }, { account: account.name })}
          </Button>
        </Group>
        {refusal && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
        {save.isSuccess && !save.isPending && (
          <Text size="sm" role="status" c="teal.9">
            {intl.formatMessage({ id: 'settings.largeAmount.saved' })}
          </Text>
        )}
      </Stack>
    </form>
  );
}

/** Per account, the amount above which a charge must be confirmed in words (administrators). */
export function LargeAmountThresholds() {
  const intl = useIntl();
  const accounts = useAccounts();
  const list = accounts.data?.accounts ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="settings-large-amounts">
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-large-amounts">
          {intl.formatMessage({ id: 'settings.largeAmount.title' })}
        </Title>
        <Text size="sm" c="dimmed">
          {intl.formatMessage({ id: 'settings.largeAmount.hint' })}
        </Text>
        {list.map((account) => (
          <ThresholdRow key={account.id} account={account} />
        ))}
      </Stack>
    </Paper>
  );
}
