import { Group, Loader, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { HistoryTotals as Totals } from '../../../../shared/contract/history.js';
import { formatAmount } from '../../../../shared/domain/money.js';

/** How many operations the filter matches, and their sum per currency. */
export function HistoryTotals({ totals }: { totals: Totals | null }) {
  const intl = useIntl();
  return (
    <Group gap="lg" aria-live="polite" data-testid="history-totals">
      {totals === null ? (
        <Loader size="xs" aria-label={intl.formatMessage({ id: 'history.loading' })} />
      ) : (
        <>
          <Text fw={600} data-testid="history-count">
            {intl.formatMessage({ id: 'history.count' }, { count: totals.count })}
          </Text>
          {totals.byCurrency.map((line) => (
            <Text key={line.currency} data-testid="history-total">
              {intl.formatMessage(
                { id: 'history.total' },
                { amount: formatAmount(line.amount, line.currency, intl.locale), count: line.count, currency: line.currency },
              )}
            </Text>
          ))}
        </>
      )}
    </Group>
  );
}
