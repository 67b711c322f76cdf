/**
 * The roles a token may carry (DESIGN.md, Security): reps and managers write, auditors read history,
 * analysts rebuild, the data protection officer (`privacy`) erases people, lifts suppressions and
 * answers access requests.
 */
export const ROLES = ['rep', 'manager', 'auditor', 'analyst', 'privacy', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Who a verified token speaks for. */
export interface Principal {
  sub: string;
  roles: Role[];
}
