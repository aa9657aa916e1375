// Accounts for the browser tests, made in the test database before the app starts (the
// embedded database has one opener at a time): a planner and an admin with known passwords.
import { readConfig } from '../../src/lib/server/config';
import { openDb } from '../../src/lib/server/db';
import { migrate } from '../../src/lib/server/db/migrate';
import { createUser } from '../../src/lib/server/users/users';

export const E2E_ACCOUNTS = {
	planner: { username: 'e2e-planner', password: 'e2e-planner-password', role: 'planner', displayName: '规划师 E2E' },
	admin: { username: 'e2e-admin', password: 'e2e-admin-password', role: 'admin', displayName: '管理员 E2E' }
} as const;

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
