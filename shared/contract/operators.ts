import { z } from 'zod';
import { AccountId } from './accounts.js';
import { defineOperation } from './define.js';
import { OPERATOR_ROLES } from './roles.js';
import { NoInput } from './schemas.js';

/**
 * The operators capability's share of the contract: who is at the desk (the session the host
 * holds for this window or this web link), the operators an administrator manages, and the
 * refund ceilings above which a second operator approves.
 */

const OperatorName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N} ._'-]+$/u, 'Letters, digits, spaces, dots, dashes and apostrophes only');
const OperatorRole = z.enum(OPERATOR_ROLES);

/** What is typed to sign in or approve: never stored, logged or echoed back. */
const Secret = z.string().min(1).max(200);

/** A PIN (4 to 12 digits) or a password (8 characters or more), as the operator is created with. */
const SecretKind = z.enum(['pin', 'password']);

export const OperatorSummary = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  role: OperatorRole,
  secretKind: SecretKind,
  disabled: z.boolean(),
  /** Locked out after too many failed sign-ins, until this time (epoch ms); null when not. */
  lockedUntil: z.number().int().nullable(),
  createdAt: z.number().int(),
});
export type OperatorSummary = z.infer<typeof OperatorSummary>;

export const SessionState = z.object({
  /** No operator exists yet: the desk runs as its built-in administrator, as on first launch. */
  desk: z.boolean(),
  /** The operator signed in on this window or web link; null when nobody is (or the desk). */
  operator: z.object({ name: z.string(), role: OperatorRole }).nullable(),
  /** Locked (idle, OS lock or asked): the operator's secret, or another operator, unlocks. */
  locked: z.boolean(),
  /** Who locked it, to offer their name first. */
  lockedBy: z.string().nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

/** A second operator's approval, entered on the same desk: their name and their own secret. */
export const Approval = z.object({ name: OperatorName, secret: Secret }).strict();
export type Approval = z.infer<typeof Approval>;

const Ceiling = z.object({
  accountId: AccountId,
  role: z.enum(['clerk', 'supervisor']),
  ceiling: z.number().int().min(0).max(1_000_000_000).nullable(),
});

const Credentials = z.object({ name: OperatorName, secret: Secret }).strict();

export const operatorsOperations = {
  'session.get': defineOperation({
    input: NoInput,
    output: SessionState,
    role: 'public',
    summary: 'Who is signed in on this window or web link, and whether it is locked.',
  }),
  'session.signIn': defineOperation({
    input: Credentials,
    output: SessionState,
    role: 'public',
    summary: 'Sign in (or unlock, or switch operator) with a name and a PIN or password.',
  }),
  'session.signOut': defineOperation({
    input: NoInput,
    output: SessionState,
    role: 'public',
    summary: 'Sign out of this window or web link.',
  }),
  'session.lock': defineOperation({
    input: z
      .object({ reason: z.enum(['idle', 'os', 'asked']) })
      .strict()
      .optional(),
    output: SessionState,
    role: 'public',
    summary: 'Lock this window or web link (idle, OS lock, or asked): the secret unlocks it.',
  }),
  'operators.list': defineOperation({
    input: NoInput,
    output: z.object({ operators: z.array(OperatorSummary) }),
    role: 'admin',
    summary: 'The operators of this desk (never their secrets).',
  }),
  'operators.create': defineOperation({
    input: z.object({ name: OperatorName, role: OperatorRole, secretKind: SecretKind, secret: Secret }).strict(),
    output: OperatorSummary,
    role: 'admin',
    summary: 'Create an operator; the first one must be an administrator.',
  }),
  'operators.update': defineOperation({
    input: z
      .object({
        id: z.number().int().positive(),
        role: OperatorRole.optional(),
        disabled: z.boolean().optional(),
        secretKind: SecretKind.optional(),
        secret: Secret.optional(),
      })
      .strict(),
    output: OperatorSummary,
    role: 'admin',
    summary: 'Change an operator’s role, disable them, or set a new secret (which also ends a lock-out).',
  }),
  'approvals.ceilings': defineOperation({
    input: NoInput,
    output: z.object({ ceilings: z.array(Ceiling) }),
    role: 'viewer',
    summary: 'Per account and role, the largest refund or credit without a second operator’s approval.',
  }),
  'approvals.setCeiling': defineOperation({
    input: Ceiling.strict(),
    output: z.object({ ceilings: z.array(Ceiling) }),
    role: 'admin',
    summary: 'Set (or clear, with null) a role’s refund and credit ceiling on an account.',
  }),
} as const;
