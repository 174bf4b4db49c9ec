import { Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { memo } from 'react';
import { useIntl } from 'react-intl';
import type { AliasMode, PaymentDraft, RebillSource } from '../../state/terminal-store.js';
import { brandName } from '../operations/brand-name.js';

interface SavedCardSectionProps {
  readonly draft: PaymentDraft & { readonly rebill: RebillSource };
  onEdit(patch: Partial<Omit<PaymentDraft, 'idempotencyKey'>>): void;
}

/**
 * In place of the card fields when a saved card is charged again: which card and customer, and
 * on whose initiative (one-click: the customer asks now; subscription: an agreed recurring charge).
 */
export const SavedCardSection = memo(function SavedCardSection({ draft, onEdit }: SavedCardSectionProps) {
  const intl = useIntl();
  const { rebill } = draft;
  const setMode = (aliasMode: AliasMode) => onEdit({ rebill: { ...rebill, aliasMode } });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="terminal-section-saved-card" data-testid="saved-card">
      <Stack gap="sm">
        <Title order={2} size="h4" id="terminal-section-saved-card">
          {intl.formatMessage({ id: 'terminal.savedCard.title' })}
        </Title>
        <Table variant="vertical" withTableBorder layout="fixed">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={140} scope="row">
                {intl.formatMessage({ id: 'terminal.review.card' })}
              </Table.Th>
              <Table.Td>
                {brandName(intl, rebill.brand)} •••• {rebill.last4}
                {rebill.expiry ? ` · ${rebill.expiry.replace('-', '/')}` : ''}
              </Table.Td>
            </Table.Tr>
            {rebill.holder && (
              <Table.Tr>
                <Table.Th scope="row">{intl.formatMessage({ id: 'terminal.card.holder' })}</Table.Th>
                <Table.Td>{rebill.holder}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th scope="row">{intl.formatMessage({ id: 'terminal.review.customer' })}</Table.Th>
              <Table.Td>{[draft.customerName, draft.customerEmail].filter(Boolean).join(' · ')}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <div data-enter-skip>
          <Radio.Group
            label={intl.formatMessage({ id: 'terminal.savedCard.mode' })}
            value={rebill.aliasMode}
            onChange={(value) => setMode(value === 'subscription' ? 'subscription' : 'oneclick')}
          >
            <Stack gap={6} mt={6}>
              <Radio
                value="oneclick"
                label={intl.formatMessage({ id: 'terminal.savedCard.oneclick' })}
                description={intl.formatMessage({ id: 'terminal.savedCard.oneclickHint' })}
              />
              <Radio
                value="subscription"
                label={intl.formatMessage({ id: 'terminal.savedCard.subscription' })}
                description={intl.formatMessage({ id: 'terminal.savedCard.subscriptionHint' })}
              />
            </Stack>
          </Radio.Group>
        </div>
        <Text size="xs" c="dimmed">
          {intl.formatMessage({ id: 'terminal.savedCard.noCardData' })}
        </Text>
      </Stack>
    </Paper>
  );
});
