import { Alert, Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { InstalmentPlanView, OperationView } from '../../../../shared/contract/terminal.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { ConfirmDialog } from './confirm-dialog.js';
import type { FollowUpDone } from './follow-up-actions.js';
import { chargedSoFar } from './outcome-wording.js';
import { useConfirmedAction } from './use-confirmed-action.js';
import type { useFollowUps } from './use-follow-ups.js';

type InstalmentState = InstalmentPlanView['entries'][number]['state'];

const STATE_COLOR: Readonly<Record<InstalmentState, string>> = { charged: 'teal', scheduled: 'blue', failed: 'red', stopped: 'gray' };

interface InstalmentPlanProps {
  readonly operation: OperationView;
  readonly plan: InstalmentPlanView;
  readonly followUps: ReturnType<typeof useFollowUps>;
  onDone: FollowUpDone;
}

/**
 * A payment in instalments: each date, amount and state as the gateway reported them, and
 * "stop the remaining instalments" (stopntimes) behind a confirmation.
 */
export function InstalmentPlan({ operation, plan, followUps, onDone }: InstalmentPlanProps) {
  const intl = useIntl();
  const money = (minor: number) => formatAmount(minor, operation.currency, intl.locale);
  const scheduled = plan.entries.filter((entry) => entry.state === 'scheduled');
  const charged = chargedSoFar(operation);
  const stop = useConfirmedAction('stopInstalments', operation.id, followUps, onDone);
  return (
    <Stack gap="xs" component="section" aria-labelledby="instalments-title" data-testid="instalment-plan">
      <Title order={3} size="h5" id="instalments-title">
        {intl.formatMessage({ id: 'terminal.plan.title' })}
      </Title>
      <Text size="sm" data-testid="instalment-charged">
        {intl.formatMessage({ id: 'terminal.plan.charged' }, { charged: money(charged), total: money(operation.amount) })}
      </Text>
      <Table withTableBorder layout="fixed" maw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{intl.formatMessage({ id: 'terminal.instalments.date' })}</Table.Th>
            <Table.Th>{intl.formatMessage({ id: 'terminal.amountShort' })}</Table.Th>
            <Table.Th>{intl.formatMessage({ id: 'terminal.plan.state' })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.entries.map((entry) => (
            <Table.Tr key={entry.seq} data-testid="instalment" data-state={entry.state}>
              {/* The dates are UTC days, as sent in AMOUNTS: shown as such, not shifted by the time zone. */}
              <Table.Td>{intl.formatDate(`${entry.date}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</Table.Td>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{money(entry.amount)}</Table.Td>
              <Table.Td>
                <Badge color={STATE_COLOR[entry.state]} variant="light">
                  {intl.formatMessage({ id: `terminal.plan.state.${entry.state}` })}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {plan.stop && (
        <Alert color={plan.stop.state === 'stopped' ? 'gray' : 'orange'} variant="light" data-testid="instalment-stop" data-state={plan.stop.state}>
          {intl.formatMessage({ id: `terminal.plan.stop.${plan.stop.state}` }, { code: plan.stop.execCode ?? '' })}
        </Alert>
      )}
      {plan.stoppable && (
        <Button variant="outline" color="red" w="fit-content" onClick={stop.open} disabled={followUps.busy !== null}>
          {intl.formatMessage({ id: 'terminal.plan.stop' })}
        </Button>
      )}
      <ConfirmDialog
        {...stop.dialog}
        title={intl.formatMessage({ id: 'terminal.plan.stopTitle' })}
        body={intl.formatMessage(
          { id: 'terminal.plan.stopBody' },
          { count: scheduled.length, amount: money(scheduled.reduce((sum, entry) => sum + entry.amount, 0)) },
        )}
        confirm={intl.formatMessage({ id: 'terminal.plan.stopConfirm' })}
        cancel={intl.formatMessage({ id: 'common.cancel' })}
        testId="stop-instalments-confirm"
      />
    </Stack>
  );
}
