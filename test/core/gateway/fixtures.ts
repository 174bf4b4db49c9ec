import type { AuthorizationInput, PaymentInput } from '../../../electron/core/gateway/schemas.js';

/** 2026-03-15 10:00 UTC: a fixed "today" for expiry and instalment rules. */
const NOW = Date.UTC(2026, 2, 15, 10, 0, 0);
export const clock = (): number => NOW;

export const PAN = '4111111111111111';
export const CVV = '987';
export const PASSWORD = 'Sup3r-S3cret-pw';

export const customer = {
  orderId: 'CMD-42',
  description: 'Order 42, phone order',
  clientIdent: 'cust-0042',
  clientEmail: 'jane@example.com',
  clientIp: '203.0.113.7',
  clientUserAgent: 'Comptoir/0.1 (MOTO)',
} as const;

export const card = { number: PAN, expiry: '12-28', cvv: CVV, holder: 'Jane Doe' } as const;

export function cardPayment(overrides: Partial<Extract<PaymentInput, { source: 'card' }>> = {}): PaymentInput {
  return { source: 'card', card: { ...card }, ...customer, amount: 1999, ...overrides };
}

export function cardAuthorization(overrides: Partial<Extract<AuthorizationInput, { source: 'card' }>> = {}): AuthorizationInput {
  return { source: 'card', card: { ...card }, ...customer, amount: 1999, ...overrides };
}
