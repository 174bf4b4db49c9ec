import { Button, Group, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ContractCallError } from '../../../../shared/contract/client.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import { useSettings, useUpdateSettings } from '../../contract/client-context.js';
import { fromSavedFilter, toSavedFilter, type FilterForm } from './filter-form.js';

interface SavedFiltersProps {
  readonly form: FilterForm;
  readonly currency: string;
  onApply(form: FilterForm): void;
}

/**
 * Filters saved by name in the profile's settings (core's `settings.json`, never the
 * browser): choosing one puts it back in the bar; "Save" keeps the bar as it is under a name
 * (the same name replaces it); "Delete" forgets the one chosen.
 */
export function SavedFilters({ form, currency, onApply }: SavedFiltersProps) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const saved = useSettings().data?.historyFilters ?? [];
  const update = useUpdateSettings();
  const [chosen, setChosen] = useState<string | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const failure = update.error instanceof ContractCallError ? contractErrorText(intl, update.error) : update.error ? update.error.message : null;

  const save = () => {
    const entry = toSavedFilter(name, form, currency, intl.locale);
    if (entry.name === '') return;
    const others = saved.filter((candidate) => candidate.name !== entry.name);
    update.mutate(
      { historyFilters: [...others, entry] },
      {
        onSuccess: () => {
          setNaming(false);
          setChosen(entry.name);
          setName('');
        },
      },
    );
  };

  return (
    <Group gap="xs" align="flex-end">
      <Select
        label={t('history.saved.label')}
        placeholder={t('history.saved.none')}
        data={saved.map((entry) => entry.name)}
        value={chosen}
        onChange={(value) => {
          setChosen(value);
          const entry = saved.find((candidate) => candidate.name === value);
          if (entry) onApply(fromSavedFilter(entry, currency, intl.locale));
        }}
        w={200}
        data-testid="saved-filters"
      />
      <Popover opened={naming} onChange={setNaming} trapFocus position="bottom-start" withArrow>
        <Popover.Target>
          <Button variant="default" onClick={() => setNaming((open) => !open)} data-testid="save-filter">
            {t('history.saved.save')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <TextInput
              label={t('history.saved.name')}
              value={name}
              maxLength={60}
              onChange={(event) => setName(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') save();
              }}
              data-testid="save-filter-name"
              data-autofocus
            />
            {failure && (
              <Text c="red" size="sm" role="alert">
                {failure}
              </Text>
            )}
            <Button onClick={save} loading={update.isPending} disabled={name.trim() === ''}>
              {t('history.saved.confirm')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {chosen !== null && (
        <Button
          variant="subtle"
          color="red"
          onClick={() => update.mutate({ historyFilters: saved.filter((candidate) => candidate.name !== chosen) }, { onSuccess: () => setChosen(null) })}
        >
          {t('history.saved.delete')}
        </Button>
      )}
    </Group>
  );
}
