import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS } from './policy';

/**
 * Refuses a sign-in (429, with Retry-After) when the account or the client address has too
 * many recent failures. The failures are the audit trail's `auth.login_failed` rows, so the
 * limit is shared by all app processes; an account's count restarts after a success.
 */
export async function checkLoginThrottle(db: Db, username: string, address: string | null): Promise<void> {
	const [account] = await db.query<{ failures: number; oldest: Date | null }>(
		`SELECT count(*)::int AS failures, min(at) AS oldest FROM audit_log
		  WHERE action = 'auth.login_failed' AND entity_id = $1
		    AND at > now() - $2 * interval '1 millisecond'
		    AND id > coalesce((SELECT max(id) FROM audit_log WHERE action = 'auth.login' AND entity_id = $1), 0)`,
		[username, LOGIN_WINDOW_MS]
	);
	if (account.failures >= LOGIN_MAX_FAILURES_PER_ACCOUNT) throw throttled('account', account.oldest);
	if (address === null) return;
	const [fromAddress] = await db.query<{ failures: number; oldest: Date | null }>(
		`SELECT count(*)::int AS failures, min(at) AS oldest FROM audit_log
		  WHERE action = 'auth.login_failed' AND address = $1 AND at > now() - $2 * interval '1 millisecond'`,
		[address, LOGIN_WINDOW_MS]
	);
	if (fromAddress.failures >= LOGIN_MAX_FAILURES_PER_ADDRESS) throw throttled('address', fromAddress.oldest);
}

function throttled(scope: 'account' | 'address', oldest: Date | null): ApiError {
	// Allowed again once the oldest counted failure leaves the window.
	const until = (oldest ? new Date(oldest).getTime() : Date.now()) + LOGIN_WINDOW_MS;
	const retryAfterS = Math.max(1, Math.ceil((until - Date.now()) / 1000));
	const minutes = Math.ceil(retryAfterS / 60);
	const messages =
		scope === 'account'
			? {
					zh: `该账户登录失败次数过多，已暂时锁定。请 ${minutes} 分钟后再试，或联系管理员。`,
					en: `Too many failed sign-ins for this account: it is locked for now. Try again in ${minutes} min, or ask an admin.`
				}
			: {
					zh: `来自您所在网络地址的登录失败次数过多。请 ${minutes} 分钟后再试。`,
					en: `Too many failed sign-ins from your network address. Try again in ${minutes} min.`
				};
	return new ApiError(429, 'too-many-attempts', messages, { scope, retryAfterS }, { 'retry-after': String(retryAfterS) });
}
