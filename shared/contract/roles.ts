/**
 * Roles, least to most trusted. Core checks the role an operation declares on every call;
 * hiding a button in the UI is never the control.
 *
 * - `public`: what a desk may ask with nobody signed in (its session, sign-in).
 * - `viewer`: any signed-in operator, whatever their role.
 * - `clerk`, `supervisor`, `admin`: the roles an operator holds (`OPERATOR_ROLES`).
 */
const ROLES = ['public', 'viewer', 'clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an operator can be given. */
export const OPERATOR_ROLES = ['clerk', 'supervisor', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export function roleAllows(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}
