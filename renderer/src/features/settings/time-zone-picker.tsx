import { NativeSelect } from '@mantine/core';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useNow } from '../../app/use-now.js';

/** Every IANA zone this runtime knows, UTC first; a saved zone the list lacks is kept. */
function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = ['UTC', ...known.filter((zone) => zone !== 'UTC')];
  return zones.includes(current) ? zones : [current, ...zones];
}

interface TimeZonePickerProps {
  readonly value: string;
  readonly error: string | undefined;
  onChange(zone: string): void;
}

/**
 * A list, not a text box: only a zone the app can use can be chosen. Native, so typing the
 * first letters of a zone (`Europe/P`) jumps to it from the keyboard.
 */
export function TimeZonePicker({ value, error, onChange }: TimeZonePickerProps) {
  const intl = useIntl();
  const zones = useMemo(() => timeZoneChoices(value), [value]);
  const now = useNow();
  return (
    <NativeSelect
      label={intl.formatMessage({ id: 'settings.timeZone' })}
      description={intl.formatMessage(
        { id: 'settings.timeZoneHint' },
        { time: new Intl.DateTimeFormat(intl.locale, { timeZone: value, hour: '2-digit', minute: '2-digit' }).format(now) },
      )}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={zones}
      error={error}
    />
  );
}
