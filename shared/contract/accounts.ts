import { z } from 'zod';
import { isIpv4, publicAddressProblem, ADDRESS_PROBLEM_TEXT } from '../domain/public-address.js';
import { defineOperation } from './define.js';
import { Environment, NoInput } from './schemas.js';

/** The accounts capability's share of the contract: the gateway accounts this desk charges. */

export const AccountId = z.number().int().positive();

const hasControlChar = (value: string) => [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasControlChar(value), { message: 'Must not contain control characters' });

/** An http(s) address; core checks the rest (https unless loopback, no credentials) with the gateway client's own rule. */
const HostUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/i, { message: 'Must be an https:// address (http:// only for this computer)' });

/**
 * Where the account's gateway answers. Dalenys' two published environments are presets (fact
 * sheet 2.1); anything else, a standalone `npm run sandbox` for instance, is custom hosts, and
 * says whether it is test or live.
 */
export const AccountConnection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded-sandbox') }).strict(),
  z.object({ kind: z.literal('dalenys-test') }).strict(),
  z.object({ kind: z.literal('dalenys-production') }).strict(),
  z.object({ kind: z.literal('custom'), environment: Environment, primary: HostUrl, secondary: HostUrl.optional() }).strict(),
]);
export type AccountConnection = z.infer<typeof AccountConnection>;

/** The environment a connection means: Dalenys' presets say it, custom hosts are asked. */
export function connectionEnvironment(connection: AccountConnection): Environment {
  switch (connection.kind) {
    case 'embedded-sandbox':
    case 'dalenys-test':
      return 'test';
    case 'dalenys-production':
      return 'live';
    case 'custom':
      return connection.environment;
  }
}

/**
 * How the gateway's word reaches this desk. Dalenys cannot reach 127.0.0.1: "polling" looks
 * every pending, unknown or unconfirmed operation up; "listener" is for a merchant who
 * forwards a public https URL to this desk's listener.
 */
export const NotificationPath = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('polling') }).strict(),
  z
    .object({
      mode: z.literal('listener'),
      publicBaseUrl: z
        .string()
        .trim()
        .max(1024)
        .regex(/^https:\/\/[^\s?#]+$/i, { message: 'Must be a public https:// address with no query' }),
    })
    .strict(),
]);
export type NotificationPath = z.infer<typeof NotificationPath>;

export const ThreeDSecure = z.enum(['never', 'gateway']);

/** What an administrator types for an account (the password goes separately, write-only). */
export const AccountFields = z
  .object({
    name: plainText(100),
    /** The switcher's and the banner's colour. */
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'A colour such as #1c7ed6' }),
    identifier: plainText(32),
    connection: AccountConnection.refine((connection) => connection.kind !== 'embedded-sandbox', { message: 'The built-in sandbox exists once' }),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'Three capital letters (ISO 4217), such as EUR' }),
    orderIdPrefix: z.string().regex(/^[A-Za-z0-9_-]{0,20}$/, { message: 'Up to 20 letters, digits, - or _' }),
    /** VERSION sent on every call (fact sheet 3.2). */
    version: z.enum(['2.0', '3.0']),
    /** CLIENTIP sent for phone orders: the desk's public address (there is no customer browser). */
    motoClientIp: z.string().trim(),
    /** CLIENTUSERAGENT sent for phone orders; Comptoir's own name when empty. */
    motoUserAgent: z
      .string()
      .trim()
      .max(255)
      .refine((value) => !hasControlChar(value), { message: 'Must not contain control characters' }),
    threeDSecure: ThreeDSecure,
    notifications: NotificationPath,
  })
  .strict()
  .superRefine((fields, ctx) => {
    // Production fraud checks read CLIENTIP as a public address: refuse what it cannot be.
    if (connectionEnvironment(fields.connection) === 'live') {
      const problem = publicAddressProblem(fields.motoClientIp);
      if (problem) ctx.addIssue({ code: 'custom', path: ['motoClientIp'], message: ADDRESS_PROBLEM_TEXT[problem].en, params: { problem } });
    } else if (!isIpv4(fields.motoClientIp)) {
      ctx.addIssue({ code: 'custom', path: ['motoClientIp'], message: ADDRESS_PROBLEM_TEXT.not_ipv4.en, params: { problem: 'not_ipv4' } });
    }
  });
export type AccountFields = z.infer<typeof AccountFields>;

/** Write-only: it goes to the vault and never comes back out. */
const GatewayPassword = z
  .string()
  .min(1)
  .max(255)
  .refine((value) => !hasControlChar(value), { message: 'Must not contain control characters' });

export const AccountSummary = z.object({
  id: AccountId,
  name: z.string(),
  identifier: z.string(),
  colour: z.string(),
  environment: Environment,
  currency: z.string().regex(/^[A-Z]{3}$/),
  allowCredit: z.boolean(),
  orderIdPrefix: z.string(),
  isSandbox: z.boolean(),
  /** Charges above this (minor units) need an extra confirmation, in words. */
  largeAmountThreshold: z.number().int().positive(),
  connection: AccountConnection,
  version: z.string(),
  motoClientIp: z.string(),
  motoUserAgent: z.string(),
  threeDSecure: ThreeDSecure,
  notifications: NotificationPath,
  /** The NOTIFICATION_URL to configure at Dalenys (listener mode), or null. */
  notificationUrl: z.string().nullable(),
  /** Whether a password is stored and readable now (never the password itself). */
  password: z.enum(['set', 'missing', 'locked']),
  disabled: z.boolean(),
  /** Only an account without operations can be deleted. */
  hasOperations: z.boolean(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

/** Set by an administrator, per account: at least one minor unit, at most the largest amount. */
const LargeAmountThreshold = z.number().int().min(1).max(1_000_000_000);

/**
 * What a test connection found, in a word the screen explains (EN/FR, with the next step):
 * `ok` and `slow` reached the gateway and were accepted.
 */
export const ConnectionVerdict = z.enum([
  'ok',
  'slow',
  'wrong_password',
  'ip_not_authorized',
  'account_disabled',
  'unreachable',
  'tls_failure',
  'timeout',
  'unexpected',
]);
export type ConnectionVerdict = z.infer<typeof ConnectionVerdict>;

export const ConnectionTest = z.object({
  verdict: ConnectionVerdict,
  /** The gateway's EXECCODE when it answered. */
  execCode: z.string().nullable(),
  /** The host that answered last (its origin only). */
  origin: z.string().nullable(),
  durationMs: z.number().int().min(0),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

/**
 * The vault, as the screen may know it (never a key, a passphrase or a secret). `passphrase`
 * (web mode): `absent` until the first real account's password, then `locked` after each start
 * until the passphrase is given, `damaged` when the file cannot be read (set aside, never
 * overwritten). `os` (desktop): `needs_consent` when only Linux's insecure `basic_text` backend
 * is available.
 */
export const VaultStatus = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('passphrase'), state: z.enum(['absent', 'locked', 'unlocked', 'damaged']) }),
  z.object({ kind: z.literal('os'), state: z.enum(['ready', 'needs_consent', 'unavailable']), backend: z.string() }),
]);
export type VaultStatus = z.infer<typeof VaultStatus>;

/** Never kept by core: it derives the key and is dropped. */
const Passphrase = z
  .string()
  .min(10, { message: 'At least 10 characters' })
  .max(1024)
  .refine((value) => !hasControlChar(value), { message: 'Must not contain control characters' });

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
  'accounts.add': defineOperation({
    input: z.object({ account: AccountFields, password: GatewayPassword.optional() }).strict(),
    output: AccountSummary,
    role: 'admin',
    summary: 'Add a gateway account (its password, when given, goes to the vault).',
  }),
  'accounts.update': defineOperation({
    input: z.object({ accountId: AccountId, account: AccountFields }).strict(),
    output: AccountSummary,
    role: 'admin',
    summary: 'Change an account’s settings (not its password).',
  }),
  'accounts.setPassword': defineOperation({
    input: z.object({ accountId: AccountId, password: GatewayPassword }).strict(),
    output: AccountSummary,
    role: 'admin',
    summary: 'Set or replace an account’s gateway password; it can never be read back.',
  }),
  'accounts.setDisabled': defineOperation({
    input: z.object({ accountId: AccountId, disabled: z.boolean() }).strict(),
    output: AccountSummary,
    role: 'admin',
    summary: 'Disable an account (no new charges; its history stays) or enable it again.',
  }),
  'accounts.remove': defineOperation({
    input: z.object({ accountId: AccountId }).strict(),
    output: z.object({ removed: AccountId }),
    role: 'admin',
    summary: 'Delete an account that has no operations.',
  }),
  'accounts.testConnection': defineOperation({
    input: z.object({ accountId: AccountId }).strict(),
    output: ConnectionTest,
    role: 'admin',
    summary: 'Ask the gateway a harmless signed question and say what the answer means.',
  }),
  'accounts.vaultStatus': defineOperation({
    input: NoInput,
    output: VaultStatus,
    role: 'viewer',
    summary: 'Whether the vault of real accounts’ passwords exists, is locked, or needs consent.',
  }),
  'accounts.setUpVault': defineOperation({
    input: z.object({ passphrase: Passphrase }).strict(),
    output: VaultStatus,
    role: 'admin',
    summary: 'Choose the vault passphrase (web mode), before the first real account’s password.',
  }),
  'accounts.unlockVault': defineOperation({
    input: z.object({ passphrase: Passphrase }).strict(),
    output: VaultStatus,
    role: 'admin',
    summary: 'Unlock real accounts after a start (web mode); wrong passphrases are refused and slowed down.',
  }),
  'accounts.consentPlainTextVault': defineOperation({
    input: NoInput,
    output: VaultStatus,
    role: 'admin',
    summary: 'Accept Linux’s basic_text backend (passwords protected by a fixed key) after the warning.',
  }),
} as const;
