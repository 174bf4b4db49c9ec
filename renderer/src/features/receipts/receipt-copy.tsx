import { Divider, Stack, Text } from '@mantine/core';
import { IntlProvider, useIntl } from 'react-intl';
import type { Locale } from '../../../../shared/contract/schemas.js';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import { describeExecCode } from '../../../../shared/domain/execcodes.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { MESSAGES } from '../../i18n/messages.js';
import { brandName } from '../terminal/brand-name.js';

export type ReceiptCopyKind = 'merchant' | 'customer';

interface ReceiptCopyProps {
  readonly operation: OperationView;
  readonly merchant: string;
  readonly kind: ReceiptCopyKind;
  /** The customer's language, which may differ from the operator's. */
  readonly locale: Locale;
  readonly timeZone: string | undefined;
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm" style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
      <span>{label}</span>
      <span style={{ textAlign: 'right' }}>{value}</span>
    </Text>
  );
}

function CopyBody({ operation, merchant, kind }: Omit<ReceiptCopyProps, 'locale' | 'timeZone'>) {
  const intl = useIntl();
  const result = operation.execCode ? describeExecCode(operation.execCode)[intl.locale === 'fr' ? 'fr' : 'en'].message : intl.formatMessage({ id: `opstatus.${operation.status}` });
  return (
    <Stack gap={4} className="comptoir-receipt" data-testid={`receipt-${kind}`} lang={intl.locale} p="sm" style={{ fontFamily: 'ui-monospace, monospace', maxWidth: 360 }}>
      <Text fw={700} ta="center">
        {merchant}
      </Text>
      <Text size="sm" ta="center" fw={600} tt="uppercase">
        {intl.formatMessage({ id: `receipt.copy.${kind}` })}
      </Text>
      <Text size="sm" ta="center">
        {intl.formatMessage({ id: `receipt.type.${operation.type}` })} — {intl.formatMessage({ id: 'receipt.moto' })}
      </Text>
      <Divider variant="dashed" my={4} />
      <Line label={intl.formatMessage({ id: 'receipt.date' })} value={intl.formatDate(operation.createdAt, { dateStyle: 'short', timeStyle: 'short' })} />
      {operation.last4 && <Line label={intl.formatMessage({ id: 'receipt.card' })} value={`${brandName(intl, operation.brand)} •••• ${operation.last4}`} />}
      {operation.holderName && <Line label={intl.formatMessage({ id: 'receipt.holder' })} value={operation.holderName} />}
      <Line label={intl.formatMessage({ id: 'receipt.order' })} value={operation.orderId} />
      {operation.transactionId && <Line label={intl.formatMessage({ id: 'receipt.transaction' })} value={operation.transactionId} />}
      <Line label={intl.formatMessage({ id: 'receipt.result' })} value={result} />
      <Divider variant="dashed" my={4} />
      <Text fw={800} size="lg" style={{ display: 'flex', justifyContent: 'space-between' }}>
        <span>{intl.formatMessage({ id: 'receipt.amount' })}</span>
        <span>{formatAmount(operation.amount, operation.currency, intl.locale)}</span>
      </Text>
      {operation.type === 'authorization' && (
        <Text size="xs">{intl.formatMessage({ id: 'receipt.authorizationNote' })}</Text>
      )}
      <Text size="xs" ta="center" mt={4}>
        {intl.formatMessage({ id: `receipt.footer.${kind}` })}
      </Text>
    </Stack>
  );
}

/** One copy of the receipt, written in the customer's language whatever the operator's. */
export function ReceiptCopy({ locale, timeZone, ...rest }: ReceiptCopyProps) {
  return (
    <IntlProvider locale={locale} messages={MESSAGES[locale]} defaultLocale="en" timeZone={timeZone}>
      <CopyBody {...rest} />
    </IntlProvider>
  );
}
