// Accounts the browser tests sign in with. They are made with `npm run user` (password on
// stdin) in the test's fresh embedded database before the server starts (playwright.config.ts).
import type { Role } from '../../src/lib/api/roles';

export interface E2eAccount {
	username: string;
	password: string;
	role: Role;
	displayName: string;
}

export const E2E_ACCOUNTS = {
	field: { username: 'e2e-field', password: 'field-e2e-Passw0rd', role: 'field', displayName: 'E2E Tablet' },
	office: { username: 'e2e-office', password: 'office-e2e-Passw0rd', role: 'field', displayName: 'E2E Office' },
	admin: { username: 'e2e-admin', password: 'admin-e2e-Passw0rd', role: 'admin', displayName: 'E2E Admin' }
} satisfies Record<string, E2eAccount>;

/** A shell command creating every account with the user CLI, then the caller's command. */
export function withAccounts(command: string): string {
	const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
	const adds = Object.values(E2E_ACCOUNTS).map(
		(a) => `printf %s ${quote(a.password)} | node node_modules/tsx/dist/cli.mjs scripts/user.ts add ${a.username} --role ${a.role} --name ${quote(a.displayName)}`
	);
	return [...adds, command].join(' && ');
}
