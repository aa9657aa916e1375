// Share links of saved checks: a random token the planner hands out; only its SHA-256 is
// stored, so the database alone cannot give a link away. Revoked links answer 404.
import { createHash, randomBytes } from 'node:crypto';
import type { CheckShare } from '../../api/saved-checks';
import { audit } from '../audit/audit';
import type { Db } from '../db/types';
import type { Writer } from './save';

export const shareUrl = (token: string) => `/share/${token}`;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** 32 random bytes, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Makes a share link; the token is in the returned url and nowhere else. */
export async function createShare(db: Db, checkId: number, { author, actor }: Writer): Promise<CheckShare & { url: string }> {
	const token = randomBytes(32).toString('base64url');
	const row = await db.transaction(async (tx) => {
		const [made] = await tx.query<{ id: number; created_at: Date | string }>(
			'INSERT INTO check_share (check_id, token_hash, created_by) VALUES ($1, $2, $3) RETURNING id, created_at',
			[checkId, hashToken(token), author.id]
		);
		await audit(tx, actor, { action: 'saved_check.share', entity: 'saved_check', entityId: checkId, after: { share: made.id } });
		return made;
	});
	return { id: row.id, createdAt: new Date(row.created_at).toISOString(), revokedAt: null, url: shareUrl(token) };
}

/** Revokes a link of this check; false when there is no such live link. */
export function revokeShare(db: Db, checkId: number, shareId: number, { author, actor }: Writer): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx.query(
			`UPDATE check_share SET revoked_at = now(), revoked_by = $3
			 WHERE id = $2 AND check_id = $1 AND revoked_at IS NULL RETURNING id`,
			[checkId, shareId, author.id]
		);
		if (rows.length !== 1) return false;
		await audit(tx, actor, { action: 'saved_check.share_revoke', entity: 'saved_check', entityId: checkId, before: { share: shareId } });
		return true;
	});
}

export async function listShares(db: Db, checkId: number): Promise<CheckShare[]> {
	const rows = await db.query<{ id: number; created_at: Date | string; revoked_at: Date | string | null }>(
		'SELECT id, created_at, revoked_at FROM check_share WHERE check_id = $1 ORDER BY created_at DESC, id DESC',
		[checkId]
	);
	return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at).toISOString(), revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null }));
}

/** The check a live share token opens, or undefined (unknown, malformed or revoked). */
export async function checkIdForToken(db: Db, token: string): Promise<number | undefined> {
	if (!TOKEN.test(token)) return undefined;
	const [row] = await db.query<{ check_id: number }>('SELECT check_id FROM check_share WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
	return row?.check_id;
}
