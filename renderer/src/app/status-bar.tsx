import { Badge, Group, Text } from '@mantine/core';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { useAppInfo, useEvent } from '../contract/client-context.js';
import { formatDateTime, formatTimeOfDay } from '../i18n/format-date-time.js';
import { useCurrentEnvironment } from '../state/use-current-environment.js';

/** Per account, for the tooltip: when each one last heard from the gateway. */
function lastByAccount(last: Record<string, number>, intl: IntlShape): string {
  return Object.entries(last)
    .map(([identifier, at]) =>
      intl.formatMessage({ id: 'status.notifications.lastFor' }, { account: identifier, time: formatDateTime(intl, at, { seconds: true }) }),
    )
    .join('\n');
}

/**
 * Always visible: which environment money goes to, and whether core is alive. Laid out for a
 * 1024-pixel window in either language: every item keeps its words on one line, and only the
 * data folder (in full in its tooltip) gives way, from its start.
 */
export function StatusBar() {
  const intl = useIntl();
  const info = useAppInfo();
  const status = useEvent('app.status');
  const { environment } = useCurrentEnvironment();
  if (info.isError) {
    return (
      <Text role="status" c="red" size="sm">
        <FormattedMessage id="status.unavailable" />
      </Text>
    );
  }
  if (!info.data) {
    return (
      <Text role="status" size="sm">
        <FormattedMessage id="status.loading" />
      </Text>
    );
  }
  return (
    <Group role="status" aria-label={intl.formatMessage({ id: 'status.label' })} gap="md" wrap="nowrap" h="100%" px="md" style={{ whiteSpace: 'nowrap' }}>
      <Badge
        color={environment === 'live' ? 'red' : 'yellow'}
        variant="filled"
        data-testid="status-environment"
        title={intl.formatMessage({ id: `status.environment.${environment}` })}
        style={{ flexShrink: 0, overflow: 'visible' }}
      >
        <FormattedMessage id={`status.environment.${environment}.short`} />
      </Badge>
      {status?.journalCheck === 'failed' && (
        <Badge
          color="red"
          variant="filled"
          role="alert"
          data-testid="status-journal-check"
          title={intl.formatMessage({ id: 'status.journalCheck.failedHint' })}
          style={{ flexShrink: 0 }}
        >
          <FormattedMessage id="status.journalCheck.failed" />
        </Badge>
      )}
      {status && (
        <Text size="sm" data-testid="status-notifications" title={lastByAccount(status.notifications.lastReceivedByAccount, intl)} style={{ flexShrink: 0 }}>
          <FormattedMessage id={`status.notifications.${status.notifications.state}`} />
          {' · '}
          {status.notifications.lastReceivedAt === null ? (
            <FormattedMessage id="status.notifications.none" />
          ) : (
            <FormattedMessage id="status.notifications.last" values={{ time: formatTimeOfDay(intl, status.notifications.lastReceivedAt) }} />
          )}
          {' · '}
          <span data-testid="status-awaiting">
            <FormattedMessage id="status.notifications.awaiting" values={{ count: status.notifications.awaitingConfirmation }} />
          </span>
        </Text>
      )}
      <Text size="sm" data-testid="status-version" style={{ flexShrink: 0 }}>
        <FormattedMessage id="status.version" values={{ version: info.data.version }} />
        {' · '}
        <FormattedMessage id={`status.transport.${info.data.transport}`} />
      </Text>
      <Text size="sm" truncate="start" style={{ flex: 1, minWidth: 0 }} title={info.data.dataDir}>
        <FormattedMessage id="status.dataDirValue" values={{ path: <span data-testid="status-data-dir">{info.data.dataDir}</span> }} />
      </Text>
    </Group>
  );
}
