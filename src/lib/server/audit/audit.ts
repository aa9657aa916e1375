import { createHash } from 'node:crypto';
import type { Db } from '../db/types';

/** Who did something and from where: what every audit row records about its author. */
export interface Actor {
	/** The signed-in user, or null (anonymous visitor, command line, failed sign-in). */
	userId: number | null;
	/** Username at the time, or `cli:<os user>` for the command line. */
	name: string | null;
	address: string | null;
	userAgent: string | null;
}

export interface AuditEntry {
	/** Dotted verb: `user.create`, `auth.login_failed`, `saved_check.update`, `import` … */
	action: string;
	/** The kind of thing acted on (`user`, `login`, `layer`, `saved_check` …) and its key. */
	entity?: string;
	entityId?: string | number;
	/** The record before and after the change; JSON-serialisable, never secrets. */
	before?: unknown;
	after?: unknown;
}

/** Payloads larger than this are stored as a digest: the log stays small and readable. */
export const AUDIT_INLINE_BYTES = 16 * 1024;

/** A payload as stored: itself, or `{digest, bytes}` when it is large. */
export function auditPayload(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const json = JSON.stringify(value);
	const bytes = Buffer.byteLength(json);
	if (bytes <= AUDIT_INLINE_BYTES) return json;
	return JSON.stringify({ digest: `sha256:${createHash('sha256').update(json).digest('hex')}`, bytes });
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so a change
 * and its audit row commit (or roll back) together.
 */
export async function audit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
	await db.query(
		`INSERT INTO audit_log (actor_id, actor, address, user_agent, action, entity, entity_id, before, after)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
		[
			actor.userId,
			actor.name,
			actor.address,
			actor.userAgent?.slice(0, 512) ?? null,
			entry.action,
			entry.entity ?? null,
			entry.entityId === undefined ? null : String(entry.entityId),
			auditPayload(entry.before),
			auditPayload(entry.after)
		]
	);
}
