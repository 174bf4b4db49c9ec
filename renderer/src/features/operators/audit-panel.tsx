import { Alert, Button, Group, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { unwrap } from '../../../../shared/contract/client.js';
import { useClient } from '../../contract/client-context.js';

/** A day typed as YYYY-MM-DD, as UTC midnight; undefined when empty or not a day. */
function dayStart(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const at = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(at) ? undefined : at;
}

/** The audit trail, newest first, filtered by operator, kind and day, with its verification. */
export function AuditPanel() {
  const intl = useIntl();
  const client = useClient();
  const [operator, setOperator] = useState('');
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const fromAt = dayStart(from);
  const toAt = dayStart(to);
  const query = {
    ...(operator.trim() ? { operator: operator.trim() } : {}),
    ...(kind.trim() ? { kind: kind.trim() } : {}),
    ...(fromAt !== undefined ? { from: fromAt } : {}),
    ...(toAt !== undefined ? { to: toAt + 86_400_000 } : {}),
    limit: 200,
  };
  const entries = useQuery({ queryKey: ['audit.list', query], queryFn: () => unwrap(client.call('audit.list', query)) });
  const verify = useMutation({ mutationFn: () => unwrap(client.call('audit.verify')) });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="settings-audit">
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-audit">
          {intl.formatMessage({ id: 'audit.title' })}
        </Title>
        <Group gap="sm" align="flex-end">
          <TextInput
            label={intl.formatMessage({ id: 'audit.operator' })}
            value={operator}
            onChange={(event) => setOperator(event.currentTarget.value)}
            w={160}
          />
          <TextInput label={intl.formatMessage({ id: 'audit.kind' })} value={kind} onChange={(event) => setKind(event.currentTarget.value)} w={200} />
          <TextInput
            label={intl.formatMessage({ id: 'audit.from' })}
            placeholder="YYYY-MM-DD"
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
            w={140}
          />
          <TextInput
            label={intl.formatMessage({ id: 'audit.to' })}
            placeholder="YYYY-MM-DD"
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            w={140}
          />
          <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
            {intl.formatMessage({ id: 'audit.verify' })}
          </Button>
        </Group>
        {verify.data && (
          <Alert color={verify.data.intact ? 'teal' : 'red'} role="status" data-testid="audit-verdict">
            {verify.data.intact
              ? intl.formatMessage({ id: 'audit.intact' }, { count: verify.data.entries })
              : intl.formatMessage({ id: 'audit.broken' }, { id: verify.data.brokenId, reason: verify.data.reason })}
          </Alert>
        )}
        <Table data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{intl.formatMessage({ id: 'audit.at' })}</Table.Th>
              <Table.Th>{intl.formatMessage({ id: 'audit.operator' })}</Table.Th>
              <Table.Th>{intl.formatMessage({ id: 'audit.kind' })}</Table.Th>
              <Table.Th>{intl.formatMessage({ id: 'audit.detail' })}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.data?.entries.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>{intl.formatDate(entry.at, { dateStyle: 'short', timeStyle: 'medium' })}</Table.Td>
                <Table.Td>{entry.operator ?? intl.formatMessage({ id: 'audit.desk' })}</Table.Td>
                <Table.Td>{entry.kind}</Table.Td>
                <Table.Td style={{ fontFamily: 'monospace', fontSize: 12 }}>{JSON.stringify(entry.detail)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
