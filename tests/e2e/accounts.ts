// Accounts for the browser tests, made in the test database before the app starts (the
// embedded database has one opener at a time): known names and passwords per role.
import type { Role } from '../../src/lib/api/roles';
import { readConfig } from '../../src/lib/server/config';
import { openDb } from '../../src/lib/server/db';
import { migrate } from '../../src/lib/server/db/migrate';
import { createUser } from '../../src/lib/server/users/users';

export interface E2eAccount {
	username: string;
	password: string;
	role: Role;
	displayName: string;
}

export const E2E_ACCOUNTS = {
	planner: { username: 'e2e-planner', password: 'e2e-planner-password', role: 'planner', displayName: '规划师 E2E' },
	admin: { username: 'e2e-admin', password: 'e2e-admin-password', role: 'admin', displayName: '管理员 E2E' },
	field: { username: 'e2e-field', password: 'field-e2e-Passw0rd', role: 'field', displayName: 'E2E Tablet' },
	office: { username: 'e2e-office', password: 'office-e2e-Passw0rd', role: 'field', displayName: 'E2E Office' }
} satisfies Record<string, E2eAccount>;

// Run as the webServer's first step (`tsx tests/e2e/accounts.ts`); imported by specs for the names.
if (process.argv[1]?.endsWith('accounts.ts')) {
	const db = await openDb(readConfig());
	try {
		await migrate(db);
		const actor = { userId: null, name: 'e2e-setup', address: 'local', userAgent: 'playwright' };
		for (const account of Object.values(E2E_ACCOUNTS)) {
			const [exists] = await db.query('SELECT 1 FROM users WHERE username = $1', [account.username]);
			if (!exists) await createUser(db, actor, account);
		}
	} finally {
		await db.close();
	}
}
