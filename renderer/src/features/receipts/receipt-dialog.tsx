import { Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Locale } from '../../../../shared/contract/schemas.js';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { AppDialog } from '../../app/app-dialog.js';
import { PrintArea } from './print-area.js';
import { ReceiptCopy } from './receipt-copy.js';

interface ReceiptDialogProps {
  readonly opened: boolean;
  readonly operation: OperationView;
  /** For a capture, refund or void: the operation it applies to, named on its receipt. */
  readonly parent: OperationView | undefined;
  readonly account: AccountSummary | undefined;
  readonly timeZone: string | undefined;
  onClose(): void;
}

/** Merchant and customer copies, previewed, then printed with the system dialog. */
export function ReceiptDialog({ opened, operation, parent, account, timeZone, onClose }: ReceiptDialogProps) {
  const intl = useIntl();
  const languageLabel = useId();
  const [locale, setLocale] = useState<Locale>(intl.locale === 'fr' ? 'fr' : 'en');
  const copies = (['merchant', 'customer'] as const).map((kind) => (
    <ReceiptCopy key={kind} operation={operation} parent={parent} account={account} kind={kind} locale={locale} timeZone={timeZone} />
  ));
  return (
    <AppDialog opened={opened} onClose={onClose} title={intl.formatMessage({ id: `receipt.title.${operation.type}` })} size="xl" testId="receipt-dialog">
      <Stack gap="md">
        <Group gap="sm">
          <Text size="sm" fw={500} id={languageLabel}>
            {intl.formatMessage({ id: 'receipt.language' })}
          </Text>
          <div role="radiogroup" aria-labelledby={languageLabel}>
            <SegmentedControl
              name="receipt-language"
              value={locale}
              onChange={(value) => setLocale(value === 'fr' ? 'fr' : 'en')}
              data={[
                { value: 'en', label: 'English' },
                { value: 'fr', label: 'Français' },
              ]}
            />
          </div>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} data-testid="receipt-preview">
          {copies.map((copy, index) => (
            <Paper key={index} withBorder p="xs">
              {copy}
            </Paper>
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {intl.formatMessage({ id: 'common.close' })}
          </Button>
          <Button onClick={() => window.print()} data-autofocus>
            {intl.formatMessage({ id: 'receipt.print' })}
          </Button>
        </Group>
      </Stack>
      {opened && <PrintArea>{copies}</PrintArea>}
    </AppDialog>
  );
}
