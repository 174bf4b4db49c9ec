/**
 * Roles, least to most trusted. Core checks the role an operation declares on every call;
 * hiding a button in the UI is never the control.
 */
const ROLES = ['viewer', 'operator', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAllows(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}
