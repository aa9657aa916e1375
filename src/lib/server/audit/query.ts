import { z } from 'zod';
import type { AuditFilter, AuditPage, AuditRowView } from '../../api/audit';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = z.string().trim().min(1).max(100);
const Filter = z.object({
	action: text.optional(),
	actor: text.optional(),
	entity: text.optional(),
	entityId: text.optional(),
	from: date.optional(),
	to: date.optional(),
	before: z.coerce.number().int().positive().optional()
});

/** The filter in a URL's query (empty parameters are ignored); 400 on a malformed one. */
export function auditFilterFrom(url: URL): AuditFilter & { before?: number } {
	const params = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ''));
	const parsed = Filter.safeParse(params);
	if (!parsed.success)
		throw new ApiError(400, 'invalid-filter', { zh: '筛选条件格式不对（日期为 YYYY-MM-DD）。', en: 'Malformed filter (dates are YYYY-MM-DD).' },
			parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
	return parsed.data;
}

// Days are China Standard Time days (UTC+8 all year): what the bureau's staff mean by a date.
const dayStart = (day: string) => `${day}T00:00:00+08:00`;
const nextDayStart = (day: string) => new Date(new Date(dayStart(day)).getTime() + 86_400_000).toISOString();

function where(filter: AuditFilter & { before?: number }): { sql: string; values: unknown[] } {
	const clauses: string[] = [];
	const values: unknown[] = [];
	const add = (clause: string, value: unknown) => {
		values.push(value);
		clauses.push(clause.replace('?', `$${values.length}`));
	};
	if (filter.action?.endsWith('.')) add('starts_with(action, ?)', filter.action);
	else if (filter.action) add('action = ?', filter.action);
	if (filter.actor) add('actor = ?', filter.actor.toLowerCase());
	if (filter.entity) add('entity = ?', filter.entity);
	if (filter.entityId) add('entity_id = ?', filter.entityId);
	if (filter.from) add('at >= ?::timestamptz', dayStart(filter.from));
	if (filter.to) add('at < ?::timestamptz', nextDayStart(filter.to));
	if (filter.before) add('id < ?', filter.before);
	return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

type AuditRow = {
	id: number;
	at: Date;
	actor_id: number | null;
	actor: string | null;
	address: string | null;
	user_agent: string | null;
	action: string;
	entity: string | null;
	entity_id: string | null;
	before: unknown;
	after: unknown;
};

const view = (r: AuditRow): AuditRowView => ({
	id: r.id,
	at: new Date(r.at).toISOString(),
	actorId: r.actor_id,
	actor: r.actor,
	address: r.address,
	userAgent: r.user_agent,
	action: r.action,
	entity: r.entity,
	entityId: r.entity_id,
	before: r.before,
	after: r.after
});

const SELECT = 'SELECT id, at, actor_id, actor, address, user_agent, action, entity, entity_id, before, after FROM audit_log';

/** One page of the trail, newest first. */
export async function auditPage(db: Db, filter: AuditFilter & { before?: number }, limit = 100): Promise<AuditPage> {
	const { sql, values } = where(filter);
	const rows = await db.query<AuditRow>(`${SELECT} ${sql} ORDER BY id DESC LIMIT $${values.length + 1}`, [...values, limit + 1]);
	return { rows: rows.slice(0, limit).map(view), nextBefore: rows.length > limit ? rows[limit - 1].id : null };
}

/** Every matching row, newest first, in pages (for the CSV export). */
export async function* auditRows(db: Db, filter: AuditFilter): AsyncGenerator<AuditRowView> {
	let before: number | undefined;
	do {
		const page = await auditPage(db, { ...filter, before }, 1000);
		yield* page.rows;
		before = page.nextBefore ?? undefined;
	} while (before);
}
