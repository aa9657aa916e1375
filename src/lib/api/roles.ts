/**
 * Who may do what. Roles are ordered: each one may do what the ones before it may
 * (a planner can open the field app; an admin can do everything). Anonymous visitors
 * have no role: they read the public map and run unsaved checks.
 */
export const ROLES = ['field', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `min` or a role above it. */
export function roleAtLeast(role: Role | undefined | null, min: Role): boolean {
	return role != null && ROLES.indexOf(role) >= ROLES.indexOf(min);
}

/** The signed-in user as pages and the API client see it. */
export interface SessionUserView {
	id: number;
	username: string;
	displayName: string;
	role: Role;
}
