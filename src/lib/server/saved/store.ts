// Reading and writing saved checks. A saved check is immutable (a trigger refuses UPDATE
// and DELETE): a re-run is a new row pointing at the old one.
import type { Geometry } from 'geojson';
import type { CheckLocation, FootprintInput, ProjectDetails, SavedCheck, SavedCheckFilter, SavedCheckSummary } from '../../api/saved-checks';
import type { InputPoints } from '../../check/boundary-points';
import { savedCheckUrl } from '../../api/saved-checks';
import type { CheckResponse, ZoneGeometry } from '../../check/report';
import type { Verdict } from '../../check/types';
import type { ProjectType } from '../../layers/types';
import type { Db } from '../db/types';
import { checkLocation } from './location';

export interface NewSavedCheck {
	rerunOf: number | null;
	author: { id: number; name: string };
	project: ProjectDetails;
	input: FootprintInput;
	footprint: Geometry;
	answer: CheckResponse;
	zones: ZoneGeometry[];
	location: CheckLocation;
	/** Null when the input was lon/lat (the footprint itself is then the input). */
	inputPoints: InputPoints | null;
}

type SavedCheckRow = {
	id: number;
	rerun_of: number | null;
	author_id: number;
	author_name: string;
	project_name: string;
	developer: string;
	notes: string | null;
	project_type: string;
	verdict: string;
	counties: string[];
	input_text: string | null;
	input_file: string | null;
	input_crs: string | null;
	location: CheckLocation | string | null;
	input_points: InputPoints | string | null;
	footprint: string;
	answer: CheckResponse | string;
	zones: ZoneGeometry[] | string;
	data_versions: Record<string, string> | string;
	engine_version: string;
	created_at: Date | string;
};

// jsonb comes back parsed from pg and PGlite alike; text only if a driver is configured so.
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const iso = (v: Date | string) => new Date(v).toISOString();

/** Saves a check; returns its id. The counties come from the county layer, in one statement. */
export async function insertSavedCheck(db: Db, c: NewSavedCheck): Promise<number> {
	const [row] = await db.query<{ id: number }>(
		`WITH fp AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($13), 4326) AS g)
		 INSERT INTO saved_check (rerun_of, report_id, author_id, author_name, project_name, developer, notes, project_type, verdict,
			input_text, input_file, input_crs, footprint, answer, zones, data_versions, engine_version, location, input_points, counties)
		 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, fp.g, $14::jsonb, $15::jsonb, $16::jsonb, $17, $18::jsonb, $19::jsonb,
			ARRAY(SELECT name FROM county WHERE ST_Intersects(county.geom, fp.g) ORDER BY name)
		 FROM fp RETURNING id`,
		[
			c.rerunOf,
			c.answer.reportId,
			c.author.id,
			c.author.name,
			c.project.projectName,
			c.project.developer,
			c.project.notes ?? null,
			c.answer.projectType,
			c.answer.verdict,
			c.input.text ?? null,
			c.input.file ?? null,
			c.input.crs ?? null,
			JSON.stringify(c.footprint),
			JSON.stringify(c.answer),
			JSON.stringify(c.zones),
			JSON.stringify(c.answer.dataVersions),
			c.answer.engine.version,
			JSON.stringify(c.location),
			c.inputPoints === null ? null : JSON.stringify(c.inputPoints)
		]
	);
	return row.id;
}

const COLUMNS = `id, rerun_of, author_id, author_name, project_name, developer, notes, project_type, verdict, counties,
	input_text, input_file, input_crs, location, input_points, ST_AsGeoJSON(footprint, 15) AS footprint, answer, zones, data_versions, engine_version, created_at`;

function fromRow(r: SavedCheckRow): SavedCheck {
	return {
		id: r.id,
		url: savedCheckUrl(r.id),
		rerunOf: r.rerun_of,
		projectName: r.project_name,
		developer: r.developer,
		notes: r.notes,
		author: { id: r.author_id, name: r.author_name },
		projectType: r.project_type as ProjectType,
		verdict: r.verdict as Verdict,
		counties: r.counties,
		input: {
			...(r.input_text !== null ? { text: r.input_text } : {}),
			...(r.input_file !== null ? { file: r.input_file } : {}),
			...(r.input_crs !== null ? { crs: r.input_crs } : {})
		},
		location: r.location === null ? null : json(r.location),
		inputPoints: r.input_points === null ? null : json(r.input_points),
		footprint: JSON.parse(r.footprint) as Geometry,
		answer: json(r.answer),
		zones: json(r.zones),
		dataVersions: json(r.data_versions),
		engineVersion: r.engine_version,
		createdAt: iso(r.created_at)
	};
}

export async function getSavedCheck(db: Db, id: number): Promise<SavedCheck | undefined> {
	const [row] = await db.query<SavedCheckRow>(`SELECT ${COLUMNS} FROM saved_check WHERE id = $1`, [id]);
	if (!row) return undefined;
	const check = fromRow(row);
	// Saved before locations were kept: place it now (the county and town layers rarely change).
	return check.location ? check : { ...check, location: await checkLocation(db, row.footprint) };
}

/** Later re-runs of a check, newest first. */
export async function rerunsOf(db: Db, id: number): Promise<{ id: number; createdAt: string; verdict: Verdict }[]> {
	const rows = await db.query<{ id: number; created_at: Date | string; verdict: string }>(
		'SELECT id, created_at, verdict FROM saved_check WHERE rerun_of = $1 ORDER BY created_at DESC, id DESC',
		[id]
	);
	return rows.map((r) => ({ id: r.id, createdAt: iso(r.created_at), verdict: r.verdict as Verdict }));
}

/** The list page's rows: newest first; `authorId` limits it to one author's checks. */
export async function listSavedChecks(db: Db, filter: SavedCheckFilter & { authorId?: number; limit?: number }): Promise<SavedCheckSummary[]> {
	const where: string[] = [];
	const values: unknown[] = [];
	const param = (v: unknown) => {
		values.push(v);
		return `$${values.length}`;
	};
	if (filter.authorId !== undefined) where.push(`author_id = ${param(filter.authorId)}`);
	if (filter.q) where.push(`strpos(lower(project_name), lower(${param(filter.q)})) > 0`);
	if (filter.verdict) where.push(`verdict = ${param(filter.verdict)}`);
	if (filter.county) where.push(`${param(filter.county)} = ANY(counties)`);
	// Days are China Standard Time, the planners' calendar.
	if (filter.from) where.push(`created_at >= (${param(filter.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
	if (filter.to) where.push(`created_at < ((${param(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
	const rows = await db.query<SavedCheckRow>(
		`SELECT id, rerun_of, author_id, author_name, project_name, developer, project_type, verdict, counties, created_at
		 FROM saved_check ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		 ORDER BY created_at DESC, id DESC LIMIT ${param(filter.limit ?? 200)}`,
		values
	);
	return rows.map((r) => ({
		id: r.id,
		url: savedCheckUrl(r.id),
		projectName: r.project_name,
		developer: r.developer,
		projectType: r.project_type as ProjectType,
		verdict: r.verdict as Verdict,
		counties: r.counties,
		author: { id: r.author_id, name: r.author_name },
		createdAt: iso(r.created_at),
		rerunOf: r.rerun_of
	}));
}

/** Counties that appear in saved checks, for the list's filter. */
export async function savedCheckCounties(db: Db): Promise<string[]> {
	const rows = await db.query<{ county: string }>('SELECT DISTINCT unnest(counties) AS county FROM saved_check ORDER BY county');
	return rows.map((r) => r.county);
}
