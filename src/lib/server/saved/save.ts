// Saving a check of record and re-running one: the check runs once, here; everything shown
// of a saved check afterwards (page, report, PDF, exports) is made from what was saved.
import type { FootprintInput, ProjectDetails, SavedCheckCreated } from '../../api/saved-checks';
import { savedCheckUrl } from '../../api/saved-checks';
import type { CheckResponse } from '../../check/report';
import { recordDiff } from '../../check/record-diff';
import type { ProjectType } from '../../layers/types';
import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { footprintGeometry } from '../check/footprint-geometry';
import { checkFootprint, type CheckOutcome } from '../check/run-check';
import { zoneGeometries } from '../check/zone-geometries';
import type { SavedCheck } from '../../api/saved-checks';
import { inputPointsOf } from '../../check/boundary-points';
import { inputFrameOf } from '../../geo/input-frame';
import { checkLocation } from './location';
import { insertSavedCheck } from './store';

/** Who is saving (from locals.user). */
export interface Author {
	id: number;
	name: string;
}

/** The author of a write and the request it came in on (for the audit row). */
export interface Writer {
	author: Author;
	actor: Actor;
}

export type SaveOutcome = { ok: true; created: SavedCheckCreated } | { ok: false; failure: Extract<CheckOutcome, { ok: false }> };

interface SaveRequest {
	footprint: unknown;
	projectType: ProjectType;
	project: ProjectDetails;
	input: FootprintInput;
	rerunOf?: SavedCheck;
}

/**
 * Runs the check of record and saves it with the project details, the zones cut for its map
 * and the data versions it ran on. An invalid footprint saves nothing and says why.
 */
export async function saveCheck(db: Db, { author, actor }: Writer, request: SaveRequest): Promise<SaveOutcome> {
	const outcome = await checkFootprint(db, { footprint: request.footprint, projectType: request.projectType });
	if (!outcome.ok) return { ok: false, failure: outcome };
	const answer: CheckResponse = outcome.response;
	const zones = await zoneGeometries(db, answer.conflicts, answer.footprint.bbox);
	const rerunOf = request.rerunOf?.id ?? null;
	const footprint = footprintGeometry(outcome.footprint);
	const location = await checkLocation(db, JSON.stringify(footprint));
	// Points entered as lon/lat are the footprint itself; plane or GCJ-02 input is kept as entered.
	const frame = inputFrameOf(request.input.crs);
	const inputPoints = frame.kind === 'projected' || frame.gcj02 ? inputPointsOf(footprint, frame) : null;
	const id = await db.transaction(async (tx) => {
		const saved = await insertSavedCheck(tx, { rerunOf, author, project: request.project, input: request.input, footprint, answer, zones, location, inputPoints });
		await audit(tx, actor, {
			action: rerunOf === null ? 'saved_check.create' : 'saved_check.rerun',
			entity: 'saved_check',
			entityId: saved,
			after: { ...request.project, projectType: answer.projectType, verdict: answer.verdict, reportId: answer.reportId, rerunOf, dataVersions: answer.dataVersions }
		});
		return saved;
	});
	const diff = request.rerunOf ? recordDiff(request.rerunOf, { id, answer }) : undefined;
	return { ok: true, created: { ...answer, id, url: savedCheckUrl(id), ...(diff ? { diff } : {}) } };
}

/** A re-run: the same footprint, project type and details against today's data, linked to the old record. */
export function rerunCheck(db: Db, writer: Writer, old: SavedCheck): Promise<SaveOutcome> {
	return saveCheck(db, writer, {
		footprint: old.footprint,
		projectType: old.projectType,
		project: { projectName: old.projectName, developer: old.developer, ...(old.notes ? { notes: old.notes } : {}) },
		input: old.input,
		rerunOf: old
	});
}
