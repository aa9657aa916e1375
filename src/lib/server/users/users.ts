import { isRole, type Role } from '../../api/roles';
import { USERNAME_PATTERN, type UpdateUserRequest, type UserView } from '../../api/users';
import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { ApiError, notFound } from '../http/errors';
import { checkNewPassword, hashPassword } from '../auth/password';
import { endUserSessions } from '../auth/session';

type UserRow = {
	id: number;
	username: string;
	display_name: string;
	role: Role;
	disabled_at: Date | null;
	version: number;
	created_at: Date;
	updated_at: Date;
};

const COLUMNS = 'id, username, display_name, role, disabled_at, version, created_at, updated_at';

export function userView(row: UserRow): UserView {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		disabled: row.disabled_at !== null,
		version: row.version,
		createdAt: new Date(row.created_at).toISOString(),
		updatedAt: new Date(row.updated_at).toISOString()
	};
}

/** What the audit trail keeps of an account: everything but the timestamps and the hash. */
const auditView = (u: UserView) => ({ username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled, version: u.version });

/** The stored form of a username: trimmed, lower-case, and matching the pattern. */
export function normaliseUsername(username: unknown): string {
	const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
	if (!new RegExp(USERNAME_PATTERN).test(name))
		throw new ApiError(400, 'invalid-username', {
			zh: '用户名须为 2–32 个字符：小写字母、数字、“.”“_”“-”，以字母或数字开头。',
			en: 'A username has 2–32 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.'
		});
	return name;
}

function checkRole(role: unknown): Role {
	if (!isRole(role))
		throw new ApiError(400, 'invalid-role', { zh: '角色须为 field、planner 或 admin。', en: 'The role must be field, planner or admin.' });
	return role;
}

function checkDisplayName(name: unknown): string {
	const text = typeof name === 'string' ? name.trim() : '';
	if (text.length > 100) throw new ApiError(400, 'invalid-display-name', { zh: '显示名称不能超过 100 个字符。', en: 'The display name may have at most 100 characters.' });
	return text;
}

export async function listUsers(db: Db): Promise<UserView[]> {
	const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY username`);
	return rows.map(userView);
}

export async function findUser(db: Db, username: string): Promise<UserView | null> {
	const [row] = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username.trim().toLowerCase()]);
	return row ? userView(row) : null;
}

/** Creates an account (audited). 409 when the username is taken. */
export async function createUser(
	db: Db,
	actor: Actor,
	input: { username: unknown; displayName?: unknown; role: unknown; password: unknown }
): Promise<UserView> {
	const username = normaliseUsername(input.username);
	const role = checkRole(input.role);
	const displayName = checkDisplayName(input.displayName);
	const passwordHash = await hashPassword(checkNewPassword(input.password));
	return db.transaction(async (tx) => {
		const [row] = await tx.query<UserRow>(
			`INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
			[username, displayName, role, passwordHash]
		);
		if (!row)
			throw new ApiError(409, 'username-taken', { zh: `用户名 ${username} 已存在。`, en: `The username ${username} is taken.` });
		const user = userView(row);
		await audit(tx, actor, { action: 'user.create', entity: 'user', entityId: user.id, after: auditView(user) });
		return user;
	});
}

/**
 * Changes an account if `change.version` is still its version: otherwise 409 with the
 * account as it is now, and nothing is written. Disabling (a soft delete) and a new
 * password end the account's sessions. At least one enabled admin always remains.
 */
export async function updateUser(db: Db, actor: Actor, id: number, change: UpdateUserRequest): Promise<UserView> {
	if (!Number.isInteger(change.version))
		throw new ApiError(400, 'version-required', { zh: '请提供所编辑记录的版本号。', en: 'Send the version of the record you edited.' });
	const role = change.role === undefined ? undefined : checkRole(change.role);
	const displayName = change.displayName === undefined ? undefined : checkDisplayName(change.displayName);
	if (change.disabled !== undefined && typeof change.disabled !== 'boolean')
		throw new ApiError(400, 'invalid-disabled', { zh: 'disabled 须为 true 或 false。', en: 'disabled must be true or false.' });
	const passwordHash = change.password === undefined ? undefined : await hashPassword(checkNewPassword(change.password));

	return db.transaction(async (tx) => {
		const [row] = await tx.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
		if (!row) throw notFound();
		const before = userView(row);
		if (before.version !== change.version) throw staleVersion(before, change);

		const [updated] = await tx.query<UserRow>(
			`UPDATE users SET
			   display_name = coalesce($2, display_name),
			   role = coalesce($3, role),
			   disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END,
			   password_hash = coalesce($5, password_hash),
			   version = version + 1, updated_at = now()
			 WHERE id = $1 RETURNING ${COLUMNS}`,
			[id, displayName ?? null, role ?? null, change.disabled ?? null, passwordHash ?? null]
		);
		const after = userView(updated);
		if (isActiveAdmin(before) && !isActiveAdmin(after) && (await activeAdmins(tx)) === 0)
			throw new ApiError(409, 'last-admin', {
				zh: '至少要保留一个启用的管理员账户。',
				en: 'At least one enabled admin account must remain.'
			});
		if (after.disabled || passwordHash) await endUserSessions(tx, id);

		const action = before.disabled !== after.disabled ? (after.disabled ? 'user.disable' : 'user.restore') : 'user.update';
		await audit(tx, actor, {
			action,
			entity: 'user',
			entityId: id,
			before: auditView(before),
			after: { ...auditView(after), ...(passwordHash ? { passwordChanged: true } : {}) }
		});
		return after;
	});
}

const isActiveAdmin = (u: UserView) => u.role === 'admin' && !u.disabled;

async function activeAdmins(db: Db): Promise<number> {
	const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL`);
	return n;
}

function staleVersion(current: UserView, change: UpdateUserRequest): ApiError {
	const { password, ...submitted } = change;
	return new ApiError(
		409,
		'stale-version',
		{
			zh: `该账户已被他人修改（您编辑的是第 ${change.version} 版，当前为第 ${current.version} 版）。请查看当前内容后重试。`,
			en: `This account was changed meanwhile (you edited version ${change.version}; it is now at version ${current.version}). Review it and try again.`
		},
		{ current, submitted: { ...submitted, ...(password === undefined ? {} : { password: '(hidden)' }) } }
	);
}
