import { Alert, Button, Group, NativeSelect, PasswordInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ContractCallError, unwrap } from '../../../../shared/contract/client.js';
import { OPERATOR_ROLES, type OperatorRole } from '../../../../shared/contract/roles.js';
import { secretAcceptable } from '../../../../shared/domain/operator-secret.js';
import { useClient } from '../../contract/client-context.js';
import { contractErrorText } from '../../app/contract-error-text.js';

/** Creates an operator: a name, a role (fixed to administrator for the first), a PIN or a password. */
export function OperatorForm({ firstAdmin = false, onDone }: { firstAdmin?: boolean; onDone?: () => void }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRole>(firstAdmin ? 'admin' : 'clerk');
  const [secretKind, setSecretKind] = useState<'pin' | 'password'>('pin');
  const [secret, setSecret] = useState('');
  const [attempted, setAttempted] = useState(false);
  const create = useMutation({
    mutationFn: () => unwrap(client.call('operators.create', { name: name.trim(), role, secretKind, secret })),
    onSuccess: async () => {
      setName('');
      setSecret('');
      setAttempted(false);
      await queries.invalidateQueries({ queryKey: ['operators.list'] });
      await queries.invalidateQueries({ queryKey: ['session.get'] });
      onDone?.();
    },
  });
  const weak = !secretAcceptable(secretKind, secret);
  const refusal = create.error instanceof ContractCallError ? contractErrorText(intl, create.error) : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAttempted(true);
        if (name.trim() && !weak) create.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={intl.formatMessage({ id: 'operators.name' })}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          autoComplete="off"
          data-testid="operator-name"
          error={attempted && !name.trim() ? intl.formatMessage({ id: 'operators.nameMissing' }) : undefined}
          required
        />
        {!firstAdmin && (
          <NativeSelect
            label={intl.formatMessage({ id: 'operators.role' })}
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as OperatorRole)}
            data-testid="operator-role"
            data={OPERATOR_ROLES.map((value) => ({ value, label: intl.formatMessage({ id: `role.${value}` }) }))}
          />
        )}
        <SegmentedControl
          value={secretKind}
          onChange={(value) => setSecretKind(value as 'pin' | 'password')}
          aria-label={intl.formatMessage({ id: 'operators.secretKind' })}
          data={[
            { value: 'pin', label: intl.formatMessage({ id: 'operators.pin' }) },
            { value: 'password', label: intl.formatMessage({ id: 'operators.password' }) },
          ]}
        />
        <PasswordInput
          label={intl.formatMessage({ id: secretKind === 'pin' ? 'operators.pin' : 'operators.password' })}
          description={intl.formatMessage({ id: 'operators.secretRule' })}
          value={secret}
          onChange={(event) => setSecret(event.currentTarget.value)}
          autoComplete="new-password"
          data-testid="operator-secret"
          error={attempted && weak ? intl.formatMessage({ id: 'operators.secretRule' }) : undefined}
          required
        />
        {refusal && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending} data-testid="operator-create">
            {intl.formatMessage({ id: firstAdmin ? 'operators.createFirst' : 'operators.create' })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
