import { Divider, Stack, Text } from '@mantine/core';
import { IntlProvider, useIntl } from 'react-intl';
import type { Locale } from '../../../../shared/contract/schemas.js';
import type { OperationView } from '../../../../shared/contract/terminal.js';
import type { AccountSummary } from '../../../../shared/contract/accounts.js';
import { formatAmount } from '../../../../shared/domain/money.js';
import { formatDateTime } from '../../i18n/format-date-time.js';
import { MESSAGES } from '../../i18n/messages.js';
import { brandName } from '../operations/brand-name.js';
import { chargedSoFar, outcomeWording } from '../operations/outcome-wording.js';

type ReceiptCopyKind = 'merchant' | 'customer';

interface ReceiptCopyProps {
  readonly operation: OperationView;
  /** For a capture, refund or void: the payment or authorization it applies to. */
  readonly parent: OperationView | undefined;
  readonly account: AccountSummary | undefined;
  readonly kind: ReceiptCopyKind;
  /** The customer's language, which may differ from the operator's. */
  readonly locale: Locale;
  readonly timeZone: string | undefined;
}

function Line({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Text size="sm" style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }} data-testid={testId}>
      <span>{label}</span>
      <span style={{ textAlign: 'right' }}>{value}</span>
    </Text>
  );
}

/** What an authorization's receipt adds under the amount, by what became of it. */
const AUTHORIZATION_NOTE: Readonly<Record<string, 'receipt.authorizationNote' | 'receipt.note.voided' | 'receipt.note.expired' | 'receipt.note.captured'>> = {
  authorized: 'receipt.authorizationNote',
  voided: 'receipt.note.voided',
  expired: 'receipt.note.expired',
  captured: 'receipt.note.captured',
  partially_captured: 'receipt.note.captured',
};

function CopyBody({ operation, parent, account, kind }: Omit<ReceiptCopyProps, 'locale' | 'timeZone'>) {
  const intl = useIntl();
  const wording = outcomeWording(operation, intl.locale);
  const money = (minor: number) => formatAmount(minor, operation.currency, intl.locale);
  const test = account === undefined || account.environment === 'test' || account.isSandbox;
  const note = operation.type === 'authorization' && operation.amount > 0 ? AUTHORIZATION_NOTE[operation.status] : undefined;
  return (
    <Stack
      gap={4}
      className="comptoir-receipt"
      data-testid={`receipt-${kind}`}
      lang={intl.locale}
      p="sm"
      style={{ fontFamily: 'ui-monospace, monospace', maxWidth: 360 }}
    >
      {test && (
        <Text
          fw={900}
          ta="center"
          data-testid="receipt-test-mark"
          style={{ fontSize: 28, letterSpacing: 4, border: '3px solid currentColor', padding: '2px 0', lineHeight: 1.2 }}
        >
          {intl.formatMessage({ id: 'receipt.test' })}
        </Text>
      )}
      <Text fw={700} ta="center">
        {account?.name ?? ''}
      </Text>
      <Text size="sm" ta="center" fw={600} tt="uppercase">
        {intl.formatMessage({ id: `receipt.copy.${kind}` })}
      </Text>
      <Text size="sm" ta="center" data-testid="receipt-type">
        {intl.formatMessage({ id: `receipt.type.${operation.type}` })} — {intl.formatMessage({ id: 'receipt.moto' })}
      </Text>
      <Divider variant="dashed" my={4} />
      <Line label={intl.formatMessage({ id: 'receipt.date' })} value={formatDateTime(intl, operation.createdAt)} testId="receipt-date" />
      {operation.last4 && <Line label={intl.formatMessage({ id: 'receipt.card' })} value={`${brandName(intl, operation.brand)} •••• ${operation.last4}`} />}
      {operation.holderName && <Line label={intl.formatMessage({ id: 'receipt.holder' })} value={operation.holderName} />}
      <Line label={intl.formatMessage({ id: 'receipt.order' })} value={operation.orderId} />
      {operation.transactionId && <Line label={intl.formatMessage({ id: 'receipt.transaction' })} value={operation.transactionId} />}
      {parent && (
        <>
          <Line label={intl.formatMessage({ id: 'receipt.originalOrder' })} value={parent.orderId} />
          {parent.transactionId && <Line label={intl.formatMessage({ id: 'receipt.originalTransaction' })} value={parent.transactionId} />}
        </>
      )}
      <Line
        label={intl.formatMessage({ id: 'receipt.result' })}
        value={intl.formatMessage({ id: wording.headline.id }, wording.headline.values)}
        testId="receipt-result"
      />
      {operation.refundReason && (
        <Line
          label={intl.formatMessage({ id: 'receipt.reason' })}
          value={[intl.formatMessage({ id: `refundReason.${operation.refundReason.code}` }), operation.refundReason.note].filter(Boolean).join(' — ')}
          testId="receipt-reason"
        />
      )}
      <Divider variant="dashed" my={4} />
      <Text fw={800} size="lg" style={{ display: 'flex', justifyContent: 'space-between' }} data-testid="receipt-amount">
        {/* Declined, refused or abandoned: the amount asked, never called charged. */}
        <span>{intl.formatMessage({ id: wording.tone === 'failure' ? 'receipt.amount.notCharged' : `receipt.amount.${operation.type}` })}</span>
        <span>{money(wording.tone === 'failure' ? operation.amount : chargedSoFar(operation))}</span>
      </Text>
      {wording.breakdown.length > 0 && (
        <>
          {wording.breakdown.slice(1).map((line) => (
            <Line key={line.label} label={intl.formatMessage({ id: line.label })} value={money(line.amount)} />
          ))}
          <Line label={intl.formatMessage({ id: 'receipt.net' })} value={money(wording.net)} testId="receipt-net" />
        </>
      )}
      {note && (
        <Text size="xs" data-testid="receipt-note">
          {intl.formatMessage({ id: note })}
        </Text>
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
