import { Alert, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { formatDateTime } from '../../i18n/format-date-time.js';

const HOUR = 3_600_000;

/**
 * An authorization blocks the funds for 7 days: what to do next, by when, and how long is left
 * (in days while there are days, then in hours).
 */
export function AuthorizationDeadline({ expiresAt, now }: { expiresAt: number; now: number }) {
  const intl = useIntl();
  const left = Math.max(0, expiresAt - now);
  // Rounded: an authorization a second old has "7 days" left, not 6.
  const relative =
    left >= 48 * HOUR ? intl.formatRelativeTime(Math.round(left / (24 * HOUR)), 'day') : intl.formatRelativeTime(Math.max(1, Math.round(left / HOUR)), 'hour');
  return (
    <Alert color="blue" variant="light" title={intl.formatMessage({ id: 'terminal.authorization.next' })} data-testid="authorization-deadline">
      <Text size="sm">{intl.formatMessage({ id: 'terminal.authorization.deadline' }, { deadline: formatDateTime(intl, expiresAt), left: relative })}</Text>
      <Text size="sm">{intl.formatMessage({ id: 'terminal.authorization.hint' })}</Text>
    </Alert>
  );
}
