import { createHash } from 'node:crypto';
import type { FieldLayer, Inspection, InspectionConflictDetails, InspectionInput, MissingPhotosDetails } from '../../api/field';
import { parseSiteKey } from '../../api/field';
import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { ApiError, notFound } from '../http/errors';
import { fieldLayerDef, statusAttribute } from './field-layers';

/** What is stored of an inspection as sent: everything but `baseVersion`. */
type InspectionBody = Omit<InspectionInput, 'baseVersion'>;

type InspectionRow = {
	id: string;
	version: number;
	body: InspectionBody | string;
	deleted_at: Date | string | null;
	created_at: Date | string;
	updated_at: Date | string;
	inspector_id: number;
	username: string;
	display_name: string;
}

export const INSPECTION_SELECT = `SELECT i.id::text AS id, i.version, i.body, i.deleted_at, i.created_at, i.updated_at,
	i.inspector_id, u.username, u.display_name
	FROM field_inspection i JOIN users u ON u.id = i.inspector_id`;

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function inspectionFromRow(row: InspectionRow): Inspection {
	const body = typeof row.body === 'string' ? (JSON.parse(row.body) as InspectionBody) : row.body;
	return {
		...body,
		id: row.id,
		version: row.version,
		inspector: { id: row.inspector_id, username: row.username, displayName: row.display_name },
		createdAt: iso(row.created_at),
		updatedAt: iso(row.updated_at),
		accepted: row.deleted_at === null
	};
}

/** JSON with keys sorted at every level: the same inspection always gives the same text. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

function bodyOf(input: InspectionInput): InspectionBody {
	const { baseVersion: _base, ...body } = input;
	return body;
}

const bodyHash = (body: InspectionBody) => createHash('sha256').update(canonical(body)).digest('hex');

/** Was this exact body already written on top of `baseVersion` (a replay)? */
async function isReplay(db: Db, id: string, baseVersion: number | null, body: InspectionBody): Promise<boolean> {
	const rows = await db.query(
		'SELECT 1 FROM field_inspection_revision WHERE inspection_id = $1::uuid AND version = $2 AND body_sha256 = $3',
		[id, (baseVersion ?? 0) + 1, bodyHash(body)]
	);
	return rows.length > 0;
}

async function recordRevision(db: Db, id: string, version: number, body: InspectionBody): Promise<void> {
	await db.query('INSERT INTO field_inspection_revision (inspection_id, version, body_sha256) VALUES ($1::uuid, $2, $3)', [id, version, bodyHash(body)]);
}

async function readInspection(db: Db, id: string, lock = false): Promise<Inspection | undefined> {
	const rows = await db.query<InspectionRow>(`${INSPECTION_SELECT} WHERE i.id = $1::uuid${lock ? ' FOR UPDATE OF i' : ''}`, [id]);
	return rows[0] && inspectionFromRow(rows[0]);
}

export async function getInspection(db: Db, id: string): Promise<Inspection | undefined> {
	return readInspection(db, id);
}

/** The site an inspection is of, checked against the registry and the layer's rows. */
async function checkedSite(db: Db, input: InspectionInput): Promise<{ layer: FieldLayer; id: number }> {
	const site = parseSiteKey(input.siteKey);
	const unknown = () =>
		new ApiError(422, 'unknown-site', { zh: `没有这个点位：${input.siteKey}。`, en: `No such site: ${input.siteKey}.` });
	if (!site) throw unknown();
	const layer = fieldLayerDef(site.layer);
	const rows = await db.query(`SELECT 1 FROM "${layer.table}" WHERE id = $1`, [site.id]);
	if (!rows.length) throw unknown();
	if (input.statusChange !== undefined) {
		const values = statusAttribute(layer)?.values;
		if (!values || !(input.statusChange in values))
			throw new ApiError(
				422,
				'invalid-status',
				{
					zh: values ? `状态须为以下之一：${Object.keys(values).join('、')}。` : `${layer.title.zh}没有状态，不能变更。`,
					en: values ? `The status must be one of ${Object.keys(values).join(', ')}.` : `A ${layer.title.en.toLowerCase()} has no status to change.`
				},
				{ allowed: values ? Object.keys(values) : [] }
			);
	}
	return site;
}

/** 422 unless every photo the inspection names has been uploaded. */
async function checkPhotos(db: Db, input: InspectionInput): Promise<void> {
	const wanted = [...new Set(input.photos.map((p) => p.sha256))];
	if (!wanted.length) return;
	const rows = await db.query<{ sha256: string }>('SELECT sha256 FROM field_photo WHERE sha256 = ANY($1::text[])', [wanted]);
	const present = new Set(rows.map((r) => r.sha256));
	const missing = wanted.filter((s) => !present.has(s));
	if (missing.length)
		throw new ApiError(
			422,
			'missing-photos',
			{ zh: `有 ${missing.length} 张照片尚未上传，请先上传。`, en: `${missing.length} photo(s) have not been uploaded yet; upload them first.` },
			{ missing } satisfies MissingPhotosDetails
		);
}

async function linkPhotos(db: Db, id: string, input: InspectionInput): Promise<void> {
	await db.query('DELETE FROM field_inspection_photo WHERE inspection_id = $1::uuid', [id]);
	const hashes = [...new Set(input.photos.map((p) => p.sha256))];
	if (hashes.length)
		await db.query('INSERT INTO field_inspection_photo (inspection_id, sha256) SELECT $1::uuid, unnest($2::text[])', [id, hashes]);
}

function conflict(yours: InspectionInput, theirs: Inspection): ApiError {
	return new ApiError(
		409,
		'version-conflict',
		{
			zh: `这条巡查记录已被修改（现为第 ${theirs.version} 版），未覆盖；请核对两个版本后再提交。`,
			en: `This inspection was changed meanwhile (now version ${theirs.version}) and was not overwritten; compare both versions and send again.`
		},
		{ yours, theirs } satisfies InspectionConflictDetails
	);
}

export interface PutResult {
	inspection: Inspection;
	created: boolean;
}

type Outcome = { kind: 'stored'; result: PutResult } | { kind: 'conflict'; theirs: Inspection };

/**
 * Creates (baseVersion null) or updates an inspection under its client-made id. A replay
 * of the same create or update answers the stored record and changes nothing; a stale or
 * different write answers 409 with both versions, and both go into the audit trail.
 */
export async function putInspection(db: Db, actor: Actor, inspectorId: number, id: string, input: InspectionInput): Promise<PutResult> {
	const body = bodyOf(input);
	const outcome = await db.transaction(async (tx): Promise<Outcome> => {
		const site = await checkedSite(tx, input);
		await checkPhotos(tx, input);
		// Two replays of one create racing: the advisory lock lets one insert and the other find it.
		await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`field_inspection:${id}`]);
		const stored = await readInspection(tx, id, true);
		if (!stored) {
			if (input.baseVersion !== null) throw notFound();
			await tx.query(
				`INSERT INTO field_inspection (id, layer, site_id, inspector_id, inspected_at, status_change, restored_ha, body)
				 VALUES ($1::uuid, $2, $3, $4, $5::timestamptz, $6, $7, $8::jsonb)`,
				[id, site.layer, site.id, inspectorId, input.inspectedAt, input.statusChange ?? null, input.restoredHa ?? null, JSON.stringify(body)]
			);
			await linkPhotos(tx, id, input);
			await recordRevision(tx, id, 1, body);
			const inspection = (await readInspection(tx, id)) as Inspection;
			await audit(tx, actor, { action: 'field_inspection.create', entity: 'field_inspection', entityId: id, after: inspection });
			return { kind: 'stored', result: { inspection, created: true } };
		}
		// The same write sent again (a replayed queue): the record as it is now, nothing written.
		if (await isReplay(tx, id, input.baseVersion, body)) return { kind: 'stored', result: { inspection: stored, created: false } };
		if (input.baseVersion !== stored.version || !stored.accepted) return { kind: 'conflict', theirs: stored };
		await tx.query(
			`UPDATE field_inspection SET layer = $2, site_id = $3, inspected_at = $4::timestamptz, status_change = $5, restored_ha = $6,
				body = $7::jsonb, version = version + 1, updated_at = now() WHERE id = $1::uuid`,
			[id, site.layer, site.id, input.inspectedAt, input.statusChange ?? null, input.restoredHa ?? null, JSON.stringify(body)]
		);
		await linkPhotos(tx, id, input);
		await recordRevision(tx, id, stored.version + 1, body);
		const inspection = (await readInspection(tx, id)) as Inspection;
		await audit(tx, actor, { action: 'field_inspection.update', entity: 'field_inspection', entityId: id, before: stored, after: inspection });
		return { kind: 'stored', result: { inspection, created: false } };
	});
	if (outcome.kind === 'stored') return outcome.result;
	// Refused, yet kept: the version that lost is in the audit trail next to the one of record.
	await audit(db, actor, { action: 'field_inspection.conflict', entity: 'field_inspection', entityId: id, before: outcome.theirs, after: input });
	throw conflict(input, outcome.theirs);
}

/** Soft-deletes an inspection at `baseVersion` (409 when stale); a replayed delete answers as the first did. */
export async function deleteInspection(db: Db, actor: Actor, id: string, baseVersion: number): Promise<void> {
	const theirs = await db.transaction(async (tx) => {
		const stored = await readInspection(tx, id, true);
		if (!stored) throw notFound();
		if (!stored.accepted && stored.version === baseVersion + 1) return undefined;
		if (!stored.accepted || stored.version !== baseVersion) return stored;
		await tx.query('UPDATE field_inspection SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1::uuid', [id]);
		await audit(tx, actor, { action: 'field_inspection.delete', entity: 'field_inspection', entityId: id, before: stored, after: await readInspection(tx, id) });
		return undefined;
	});
	if (!theirs) return;
	await audit(db, actor, { action: 'field_inspection.conflict', entity: 'field_inspection', entityId: id, before: theirs, after: { delete: true, baseVersion } });
	throw new ApiError(
		409,
		'version-conflict',
		{
			zh: `这条巡查记录已被修改（现为第 ${theirs.version} 版），未删除。`,
			en: `This inspection was changed meanwhile (now version ${theirs.version}) and was not deleted.`
		},
		{ theirs }
	);
}
