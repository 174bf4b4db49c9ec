import { Alert, Button, NativeSelect, NumberInput, Paper, Stack, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Settings } from '../../../../shared/contract/settings.js';
import { ContractCallError } from '../../../../shared/contract/client.js';
import { useSettings, useUpdateSettings } from '../../contract/client-context.js';
import type { MessageKey } from '../../i18n/messages.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { AccountsSection } from './accounts/accounts-section.js';
import { LargeAmountThresholds } from './large-amount-thresholds.js';
import { TimeZonePicker } from './time-zone-picker.js';
import { AuditPanel } from '../operators/audit-panel.js';
import { CeilingsPanel } from '../operators/ceilings-panel.js';
import { OperatorsPanel } from '../operators/operators-panel.js';
import { useSession } from '../operators/use-session.js';

type SettingField = 'timeZone' | 'duplicateWindowMinutes' | 'autoLockMinutes';
const FIELD_MESSAGES: Readonly<Record<SettingField, MessageKey>> = {
  timeZone: 'settings.error.timeZone',
  duplicateWindowMinutes: 'settings.error.duplicateWindowMinutes',
  autoLockMinutes: 'settings.error.autoLockMinutes',
};
const isField = (path: string): path is SettingField => path in FIELD_MESSAGES;

export function SettingsPage() {
  const intl = useIntl();
  const settings = useSettings();
  const update = useUpdateSettings();
  const session = useSession();
  // What an administrator manages (core refuses anyone else regardless).
  const administrator = session.data !== undefined && (session.data.desk || session.data.operator?.role === 'admin');
  const [draft, setDraft] = useState<Settings | undefined>(settings.data);
  const [checked, setChecked] = useState(false);
  // What core holds, once loaded and after each save, replaces the draft.
  const [loaded, setLoaded] = useState(settings.data);
  if (loaded !== settings.data) {
    setLoaded(settings.data);
    if (settings.data) setDraft(settings.data);
  }

  if (!draft) return <FormattedMessage id="common.loading" />;

  // The same schema as core, so a bad value is marked on its field before anything is sent;
  // whatever core still refuses is marked the same way.
  const local = Settings.safeParse(draft);
  const paths = new Set<string>([
    ...(checked && !local.success ? local.error.issues.map((issue) => String(issue.path[0])) : []),
    ...(update.error instanceof ContractCallError ? update.error.issues.map((issue) => issue.path.split('.')[0] as string) : []),
  ]);
  const fieldError = (field: SettingField) => (paths.has(field) ? intl.formatMessage({ id: FIELD_MESSAGES[field] }) : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (local.success) update.mutate(draft);
  };
  const failure = update.error instanceof ContractCallError ? contractErrorText(intl, update.error) : undefined;
  const unmarked = [...paths].some((path) => !isField(path));

  return (
    <Stack gap="lg" maw={760}>
      <form onSubmit={submit} aria-labelledby="settings-title" noValidate>
        <Stack gap="md">
          <Title order={1} size="h2" id="settings-title">
            <FormattedMessage id="settings.title" />
          </Title>
          <Paper withBorder radius="md" p="md">
            <Stack gap="md">
              <NativeSelect
                label={intl.formatMessage({ id: 'settings.locale' })}
                data={[
                  { value: 'en', label: 'English' },
                  { value: 'fr', label: 'Français' },
                ]}
                value={draft.locale}
                onChange={(event) => setDraft({ ...draft, locale: event.currentTarget.value as Settings['locale'] })}
              />
              <TimeZonePicker value={draft.timeZone} error={fieldError('timeZone')} onChange={(timeZone) => setDraft({ ...draft, timeZone })} />
              <NumberInput
                label={intl.formatMessage({ id: 'settings.duplicateWindow' })}
                min={0}
                max={1440}
                allowDecimal={false}
                clampBehavior="none"
                value={draft.duplicateWindowMinutes}
                onChange={(value) => setDraft({ ...draft, duplicateWindowMinutes: Number(value) })}
                error={fieldError('duplicateWindowMinutes')}
              />
              <NumberInput
                label={intl.formatMessage({ id: 'settings.autoLock' })}
                min={1}
                max={240}
                allowDecimal={false}
                clampBehavior="none"
                value={draft.autoLockMinutes}
                onChange={(value) => setDraft({ ...draft, autoLockMinutes: Number(value) })}
                error={fieldError('autoLockMinutes')}
              />
            </Stack>
          </Paper>
          {(failure || (checked && !local.success && unmarked)) && (
            <Alert color="red" role="alert" title={intl.formatMessage({ id: 'error.title' })}>
              {failure ?? intl.formatMessage({ id: 'settings.error.other' })}
            </Alert>
          )}
          {checked && !local.success && !failure && !unmarked && (
            <Alert color="red" role="alert">
              {intl.formatMessage({ id: 'settings.error.fields' })}
            </Alert>
          )}
          {update.isSuccess && !update.isPending && (
            <Alert color="green" role="status">
              <FormattedMessage id="settings.saved" />
            </Alert>
          )}
          <Button type="submit" loading={update.isPending} w="fit-content">
            <FormattedMessage id="settings.save" />
          </Button>
        </Stack>
      </form>
      <AccountsSection />
      <LargeAmountThresholds />
      {administrator && (
        <>
          <OperatorsPanel />
          <CeilingsPanel />
          <AuditPanel />
        </>
      )}
    </Stack>
  );
}
