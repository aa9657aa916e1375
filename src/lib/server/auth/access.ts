import { roleAtLeast, type Role } from '../../api/roles';

/**
 * Who may use which route group: the one place authorisation is decided. The request
 * boundary (hooks.server.ts) applies it before any route runs; a route only checks what
 * depends on the record itself (e.g. the author of a saved check).
 *
 * `min: 'public'` — anyone; `'signed-in'` — any account; a role — that role or above.
 * The first rule whose prefix matches the SvelteKit route id wins, so put narrow rules first.
 */
export type Access = 'public' | 'signed-in' | Role;

export interface AccessRule {
	/** A SvelteKit route id prefix, e.g. `/api/admin` or `/check/[id]`. */
	prefix: string;
	min: Access;
	/** Methods the rule applies to; all when omitted. */
	methods?: readonly string[];
}

export const ACCESS_RULES: readonly AccessRule[] = [
	{ prefix: '/api/auth', min: 'public' },
	{ prefix: '/login', min: 'public' },
	{ prefix: '/admin', min: 'admin' },
	{ prefix: '/api/admin', min: 'admin' },
	{ prefix: '/account', min: 'signed-in' },
	{ prefix: '/api/account', min: 'signed-in' },
	{ prefix: '/field', min: 'field' },
	{ prefix: '/api/field', min: 'field' }
];

/** The access a route needs; `public` when no rule names it. */
export function accessFor(routeId: string | null, method: string): Access {
	if (!routeId) return 'public';
	for (const rule of ACCESS_RULES) {
		const matches = routeId === rule.prefix || routeId.startsWith(rule.prefix.endsWith('/') ? rule.prefix : `${rule.prefix}/`);
		if (matches && (!rule.methods || rule.methods.includes(method))) return rule.min;
	}
	return 'public';
}

/** `ok`, or why not: no account (401) or the wrong role (403). */
export function decide(access: Access, role: Role | undefined): 'ok' | 'unauthenticated' | 'forbidden' {
	if (access === 'public') return 'ok';
	if (!role) return 'unauthenticated';
	if (access === 'signed-in') return 'ok';
	return roleAtLeast(role, access) ? 'ok' : 'forbidden';
}
