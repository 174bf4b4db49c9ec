import { z } from 'zod';
import { defineOperation } from './define.js';
import { Environment, NoInput } from './schemas.js';

/** The accounts capability's share of the contract: the gateway accounts this desk charges. */

export const AccountId = z.number().int().positive();

export const AccountSummary = z.object({
  id: AccountId,
  name: z.string(),
  environment: Environment,
  currency: z.string().regex(/^[A-Z]{3}$/),
  allowCredit: z.boolean(),
  orderIdPrefix: z.string(),
  isSandbox: z.boolean(),
  /** Charges above this (minor units) need an extra confirmation, in words. */
  largeAmountThreshold: z.number().int().positive(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

/** Set by an administrator, per account: at least one minor unit, at most the largest amount. */
const LargeAmountThreshold = z.number().int().min(1).max(1_000_000_000);

export const accountsOperations = {
  'accounts.list': defineOperation({
    input: NoInput,
    output: z.object({ accounts: z.array(AccountSummary), activeAccountId: AccountId.nullable() }),
    role: 'viewer',
    summary: 'The gateway accounts this desk can charge, and the one selected.',
  }),
  'accounts.setLargeAmountThreshold': defineOperation({
    input: z.object({ accountId: AccountId, threshold: LargeAmountThreshold }).strict(),
    output: AccountSummary,
    role: 'admin',
    summary: 'Set the amount above which a charge on this account needs an extra confirmation.',
  }),
} as const;
