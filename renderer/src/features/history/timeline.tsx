import { Badge, Code, Group, Stack, Text, Timeline as MantineTimeline, Title } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { TimelineEntry } from '../../../../shared/contract/history.js';
import { describeExecCode } from '../../../../shared/domain/exec-code-meanings.js';
import { formatDateTime } from '../../i18n/format-date-time.js';

/** The fields each kind of event shows, by flattened key, first; the others follow in a line of their own. */
function fieldsText(detail: TimelineEntry['detail']): string {
  return Object.entries(detail)
    .filter(([key, value]) => key !== 'execCode' && value !== null && value !== '')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' · ');
}

/**
 * Everything the journal recorded for an operation, oldest first: the intent, the request
 * as sent (card data was never recorded), the answer, notifications, lookups, operator
 * actions. An EXECCODE is worded in the operator's language.
 */
export function OperationTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const intl = useIntl();
  const french = intl.locale.startsWith('fr');
  return (
    <Stack gap="xs" component="section" aria-labelledby="timeline-title">
      <Title order={3} size="h5" id="timeline-title">
        {intl.formatMessage({ id: 'history.timeline.title' })}
      </Title>
      <MantineTimeline bulletSize={14} lineWidth={2} data-testid="timeline">
        {entries.map((entry) => {
          const exec = entry.execCode ? describeExecCode(entry.execCode) : null;
          return (
            <MantineTimeline.Item
              key={entry.id}
              data-testid="timeline-entry"
              data-kind={entry.kind}
              title={
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {intl.formatMessage({ id: `history.event.${entry.kind}` })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(intl, entry.at, { seconds: true })}
                  </Text>
                </Group>
              }
            >
              {exec && (
                <Group gap="xs">
                  <Badge variant="outline" color="gray" c="dark.7">
                    {exec.code}
                  </Badge>
                  <Text size="sm" data-testid="timeline-exec">
                    {(french ? exec.fr : exec.en).message}
                  </Text>
                </Group>
              )}
              <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {fieldsText(entry.detail)}
              </Code>
            </MantineTimeline.Item>
          );
        })}
      </MantineTimeline>
    </Stack>
  );
}
