import { Alert, Button, NativeSelect, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Settings } from '../../../../shared/contract/schemas.js';
import { errorText } from '../../../../shared/errors/index.js';
import { ContractCallError } from '../../../../shared/contract/client.js';
import { useSettings, useUpdateSettings } from '../../contract/client-context.js';

export function SettingsPage() {
  const intl = useIntl();
  const settings = useSettings();
  const update = useUpdateSettings();
  const [draft, setDraft] = useState<Settings>();
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);

  if (!draft) return <FormattedMessage id="common.loading" />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(draft);
  };
  const locale = intl.locale === 'fr' ? 'fr' : 'en';
  const failure = update.error instanceof ContractCallError ? errorText(update.error.code, locale) : undefined;

  return (
    <form onSubmit={submit} aria-labelledby="settings-title">
      <Stack gap="md" maw={480}>
        <Title order={1} size="h2" id="settings-title">
          <FormattedMessage id="settings.title" />
        </Title>
        <NativeSelect
          label={intl.formatMessage({ id: 'settings.locale' })}
          data={[
            { value: 'en', label: 'English' },
            { value: 'fr', label: 'Français' },
          ]}
          value={draft.locale}
          onChange={(event) => setDraft({ ...draft, locale: event.currentTarget.value as Settings['locale'] })}
        />
        <TextInput
          label={intl.formatMessage({ id: 'settings.timeZone' })}
          value={draft.timeZone}
          onChange={(event) => setDraft({ ...draft, timeZone: event.currentTarget.value })}
        />
        <NumberInput
          label={intl.formatMessage({ id: 'settings.duplicateWindow' })}
          min={0}
          max={1440}
          value={draft.duplicateWindowMinutes}
          onChange={(value) => setDraft({ ...draft, duplicateWindowMinutes: Number(value) })}
        />
        <NumberInput
          label={intl.formatMessage({ id: 'settings.autoLock' })}
          min={1}
          max={240}
          value={draft.autoLockMinutes}
          onChange={(value) => setDraft({ ...draft, autoLockMinutes: Number(value) })}
        />
        {failure && (
          <Alert color="red" role="alert" title={intl.formatMessage({ id: 'error.title' })}>
            {failure}
          </Alert>
        )}
        {update.isSuccess && !update.isPending && (
          <Alert color="green" role="status">
            <FormattedMessage id="settings.saved" />
          </Alert>
        )}
        <Button type="submit" loading={update.isPending}>
          <FormattedMessage id="settings.save" />
        </Button>
      </Stack>
    </form>
  );
}
