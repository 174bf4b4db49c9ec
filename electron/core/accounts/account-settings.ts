import { z } from 'zod';
import { NotificationPath, ThreeDSecure } from '../../../shared/contract/accounts.js';
import { DEFAULT_LARGE_AMOUNT_THRESHOLD } from '../../../shared/domain/large-amount.js';
import { GatewayHosts } from '../gateway/config.js';

/**
 * How Comptoir reaches an account's gateway, kept in the journal's `accounts.settings` column.
 * The built-in sandbox listens on a new port every launch, so its account only says
 * `embedded-sandbox` and the address is resolved at run time.
 */
const AccountConnection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded-sandbox') }),
  z.object({ kind: z.literal('gateway'), hosts: GatewayHosts, version: z.string().optional() }),
]);
type AccountConnection = z.infer<typeof AccountConnection>;

export const AccountSettings = z.object({
  connection: AccountConnection,
  /** Paying out to a card must be enabled on the Dalenys account; the UI offers it only then. */
  allowCredit: z.boolean().default(false),
  /**
   * CLIENTIP and CLIENTUSERAGENT are required on card operations; on a phone order there is no
   * customer browser, so the desk's own address and agent are sent (fact sheet Q8).
   */
  motoClientIp: z.string().default('127.0.0.1'),
  /** Empty: Comptoir's own user agent. */
  motoUserAgent: z.string().default(''),
  /** Charges above this (minor units) need an extra confirmation; an administrator sets it. */
  largeAmountThreshold: z.number().int().positive().default(DEFAULT_LARGE_AMOUNT_THRESHOLD),
  colour: z.string().default('#1c7ed6'),
  threeDSecure: ThreeDSecure.default('never'),
  /** Real accounts poll by default: Dalenys cannot reach a desk's 127.0.0.1. */
  notifications: NotificationPath.default({ mode: 'polling' }),
  /** No new charges; history, lookups and refunds go on. */
  disabled: z.boolean().default(false),
});
export type AccountSettings = z.infer<typeof AccountSettings>;
