import type { Role } from '$lib/api/roles';
import { m } from '$lib/paraglide/messages';

/** A role's name in the current language. */
export function roleLabel(role: Role): string {
	return { field: m.role_field, planner: m.role_planner, admin: m.role_admin }[role]();
}
