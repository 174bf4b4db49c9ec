import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { unwrap } from '../../../../shared/contract/client.js';
import { useClient } from '../../contract/client-context.js';
import { OperatorForm } from './operator-form.js';

/** The desk's operators and a form to add one (administrators; core checks the role). */
export function OperatorsPanel() {
  const intl = useIntl();
  const client = useClient();
  const list = useQuery({ queryKey: ['operators.list'], queryFn: () => unwrap(client.call('operators.list')) });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="settings-operators">
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-operators">
          {intl.formatMessage({ id: 'operators.title' })}
        </Title>
        {(list.data?.operators.length ?? 0) === 0 ? (
          <Text size="sm" c="dimmed">
            {intl.formatMessage({ id: 'operators.none' })}
          </Text>
        ) : (
          <Table data-testid="operators-table">
            <Table.Tbody>
              {list.data?.operators.map((operator) => (
                <Table.Tr key={operator.id}>
                  <Table.Td>{operator.name}</Table.Td>
                  <Table.Td>{intl.formatMessage({ id: `role.${operator.role}` })}</Table.Td>
                  <Table.Td>{operator.disabled ? intl.formatMessage({ id: 'operators.disabled' }) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <OperatorForm firstAdmin={(list.data?.operators.length ?? 0) === 0} />
      </Stack>
    </Paper>
  );
}
