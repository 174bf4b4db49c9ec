import { Alert, Button, ColorInput, Group, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { AccountFields, type AccountSummary } from '../../../../../shared/contract/accounts.js';
import { ContractCallError } from '../../../../../shared/contract/client.js';
import { ADDRESS_PROBLEM_TEXT, publicAddressProblem, isIpv4 } from '../../../../../shared/domain/public-address.js';
import { contractErrorText } from '../../../app/contract-error-text.js';

type Kind = 'dalenys-test' | 'dalenys-production' | 'custom';

/** What the form holds while typed: flat strings, turned into the contract's fields on save. */
interface Draft {
  name: string;
  colour: string;
  identifier: string;
  kind: Kind;
  customEnvironment: 'test' | 'live';
  primary: string;
  secondary: string;
  currency: string;
  orderIdPrefix: string;
  version: '2.0' | '3.0';
  motoClientIp: string;
  motoUserAgent: string;
  threeDSecure: 'never' | 'gateway';
  notifications: 'polling' | 'listener';
  publicBaseUrl: string;
}

function draftOf(account: AccountSummary | undefined): Draft {
  const connection = account?.connection;
  return {
    name: account?.name ?? '',
    colour: account?.colour ?? '#1c7ed6',
    identifier: account?.identifier ?? '',
    kind: connection && connection.kind !== 'embedded-sandbox' ? connection.kind : 'dalenys-test',
    customEnvironment: connection?.kind === 'custom' ? connection.environment : 'test',
    primary: connection?.kind === 'custom' ? connection.primary : '',
    secondary: connection?.kind === 'custom' ? (connection.secondary ?? '') : '',
    currency: account?.currency ?? 'EUR',
    orderIdPrefix: account?.orderIdPrefix ?? '',
    version: account?.version === '3.0' ? '3.0' : '2.0',
    motoClientIp: account?.motoClientIp ?? '',
    motoUserAgent: account?.motoUserAgent ?? '',
    threeDSecure: account?.threeDSecure ?? 'never',
    notifications: account?.notifications.mode ?? 'polling',
    publicBaseUrl: account?.notifications.mode === 'listener' ? account.notifications.publicBaseUrl : '',
  };
}

function fieldsOf(draft: Draft): unknown {
  const connection =
    draft.kind === 'custom'
      ? { kind: 'custom', environment: draft.customEnvironment, primary: draft.primary, ...(draft.secondary.trim() ? { secondary: draft.secondary } : {}) }
      : { kind: draft.kind };
  return {
    name: draft.name,
    colour: draft.colour,
    identifier: draft.identifier,
    connection,
    currency: draft.currency,
    orderIdPrefix: draft.orderIdPrefix,
    version: draft.version,
    motoClientIp: draft.motoClientIp,
    motoUserAgent: draft.motoUserAgent,
    threeDSecure: draft.threeDSecure,
    notifications: draft.notifications === 'listener' ? { mode: 'listener', publicBaseUrl: draft.publicBaseUrl } : { mode: 'polling' },
  };
}

interface AccountFormProps {
  /** Absent: a new account (with its password). */
  readonly account?: AccountSummary;
  onSave(fields: AccountFields, password: string | undefined): Promise<unknown>;
  onDone(): void;
}

/** Add or edit an account; the same schema as core marks a bad field before anything is sent. */
export function AccountForm({ account, onSave, onDone }: AccountFormProps) {
  const intl = useIntl();
  const [draft, setDraft] = useState<Draft>(() => draftOf(account));
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState(false);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<ContractCallError>();
  const edit = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const parsed = AccountFields.safeParse(fieldsOf(draft));
  const corePaths = new Set((refusal?.issues ?? []).map((issue) => issue.path.replace(/^account\./, '')));
  const localPaths = new Set(checked && !parsed.success ? parsed.error.issues.map((issue) => issue.path.join('.')) : []);
  const marked = (path: string) => localPaths.has(path) || corePaths.has(path);
  const error = (path: string) => (marked(path) ? intl.formatMessage({ id: 'accounts.error.field' }) : undefined);
  const locale = intl.locale.startsWith('fr') ? 'fr' : 'en';
  const live = draft.kind === 'dalenys-production' || (draft.kind === 'custom' && draft.customEnvironment === 'live');
  const ipProblem = live ? publicAddressProblem(draft.motoClientIp) : isIpv4(draft.motoClientIp.trim()) ? undefined : 'not_ipv4';
  const ipError = (checked || draft.motoClientIp !== '') && ipProblem ? ADDRESS_PROBLEM_TEXT[ipProblem][locale] : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!parsed.success) return;
    setPending(true);
    setRefusal(undefined);
    const typed = password;
    // The password leaves the form's memory whatever happens next.
    setPassword('');
    try {
      await onSave(parsed.data, typed === '' ? undefined : typed);
      onDone();
    } catch (failure) {
      if (failure instanceof ContractCallError) setRefusal(failure);
      else throw failure;
    } finally {
      setPending(false);
    }
  };

  const title = account ? intl.formatMessage({ id: 'accounts.edit' }, { account: account.name }) : intl.formatMessage({ id: 'accounts.add' });
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Group grow align="flex-start">
            <TextInput
              label={intl.formatMessage({ id: 'accounts.field.name' })}
              value={draft.name}
              onChange={(e) => edit({ name: e.currentTarget.value })}
              error={error('name')}
            />
            <ColorInput
              label={intl.formatMessage({ id: 'accounts.field.colour' })}
              value={draft.colour}
              onChange={(colour) => edit({ colour })}
              format="hex"
              error={error('colour')}
            />
          </Group>
          <TextInput
            label={intl.formatMessage({ id: 'accounts.field.identifier' })}
            value={draft.identifier}
            onChange={(e) => edit({ identifier: e.currentTarget.value })}
            error={error('identifier')}
            autoComplete="off"
          />
          <NativeSelect
            label={intl.formatMessage({ id: 'accounts.field.environment' })}
            value={draft.kind}
            onChange={(e) => edit({ kind: e.currentTarget.value as Kind })}
            data={(['dalenys-test', 'dalenys-production', 'custom'] as const).map((kind) => ({
              value: kind,
              label: intl.formatMessage({ id: `accounts.environment.${kind}` }),
            }))}
          />
          {draft.kind === 'custom' && (
            <>
              <NativeSelect
                label={intl.formatMessage({ id: 'accounts.field.customEnvironment' })}
                value={draft.customEnvironment}
                onChange={(e) => edit({ customEnvironment: e.currentTarget.value as 'test' | 'live' })}
                data={(['test', 'live'] as const).map((value) => ({ value, label: intl.formatMessage({ id: `accounts.customEnvironment.${value}` }) }))}
              />
              <TextInput
                label={intl.formatMessage({ id: 'accounts.field.primary' })}
                value={draft.primary}
                onChange={(e) => edit({ primary: e.currentTarget.value })}
                error={error('connection.primary')}
                placeholder="https://"
              />
              <TextInput
                label={intl.formatMessage({ id: 'accounts.field.secondary' })}
                value={draft.secondary}
                onChange={(e) => edit({ secondary: e.currentTarget.value })}
                error={error('connection.secondary')}
              />
            </>
          )}
          <Group grow align="flex-start">
            <TextInput
              label={intl.formatMessage({ id: 'accounts.field.currency' })}
              value={draft.currency}
              onChange={(e) => edit({ currency: e.currentTarget.value.toUpperCase() })}
              error={error('currency')}
            />
            <TextInput
              label={intl.formatMessage({ id: 'accounts.field.orderIdPrefix' })}
              value={draft.orderIdPrefix}
              onChange={(e) => edit({ orderIdPrefix: e.currentTarget.value })}
              error={error('orderIdPrefix')}
            />
            <NativeSelect
              label={intl.formatMessage({ id: 'accounts.field.version' })}
              value={draft.version}
              onChange={(e) => edit({ version: e.currentTarget.value as '2.0' | '3.0' })}
              data={['2.0', '3.0']}
            />
          </Group>
          <TextInput
            label={intl.formatMessage({ id: 'accounts.field.clientIp' })}
            description={intl.formatMessage({ id: 'accounts.field.clientIpHint' })}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={draft.motoClientIp}
            onChange={(e) => edit({ motoClientIp: e.currentTarget.value })}
            error={ipError ?? error('motoClientIp')}
          />
          <TextInput
            label={intl.formatMessage({ id: 'accounts.field.userAgent' })}
            value={draft.motoUserAgent}
            onChange={(e) => edit({ motoUserAgent: e.currentTarget.value })}
            error={error('motoUserAgent')}
          />
          <NativeSelect
            label={intl.formatMessage({ id: 'accounts.field.threeDSecure' })}
            value={draft.threeDSecure}
            onChange={(e) => edit({ threeDSecure: e.currentTarget.value as 'never' | 'gateway' })}
            data={(['never', 'gateway'] as const).map((value) => ({ value, label: intl.formatMessage({ id: `accounts.threeDSecure.${value}` }) }))}
          />
          <NativeSelect
            label={intl.formatMessage({ id: 'accounts.field.notifications' })}
            value={draft.notifications}
            onChange={(e) => edit({ notifications: e.currentTarget.value as 'polling' | 'listener' })}
            data={(['polling', 'listener'] as const).map((value) => ({ value, label: intl.formatMessage({ id: `accounts.notifications.${value}` }) }))}
          />
          {draft.notifications === 'listener' && (
            <TextInput
              label={intl.formatMessage({ id: 'accounts.field.publicBaseUrl' })}
              value={draft.publicBaseUrl}
              onChange={(e) => edit({ publicBaseUrl: e.currentTarget.value })}
              error={error('notifications.publicBaseUrl')}
              placeholder="https://"
            />
          )}
          {!account && (
            <PasswordInput
              label={intl.formatMessage({ id: 'accounts.field.password' })}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="new-password"
            />
          )}
          {checked && !parsed.success && (
            <Text size="sm" c="red.8" role="alert">
              {intl.formatMessage({ id: 'accounts.error.fields' })}
            </Text>
          )}
          {refusal && (
            <Alert color="red" role="alert">
              {contractErrorText(intl, refusal)}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={pending}>
              {intl.formatMessage({ id: 'accounts.save' })}
            </Button>
            <Button variant="default" onClick={onDone}>
              {intl.formatMessage({ id: 'accounts.cancel' })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
