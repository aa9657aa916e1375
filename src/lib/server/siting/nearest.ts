import type { Geometry, Position } from 'geojson';
import type { NearestAlternative, NearestResponse } from '../../api/siting';
import { distance } from '../../check/geodesic';
import { zoningLayers } from '../../layers/registry';
import { acceptable } from '../../siting/classes';
import { applyAffine, metresPerDegree, placementAffine, placements, type Placement } from '../../siting/placements';
import { zoneTerms } from '../../siting/zone-terms';
import { marginDegrees } from '../check/candidates';
import { footprintGeometry } from '../check/footprint-geometry';
import { footprintApiError } from '../check/responses';
import { checkFootprint } from '../check/run-check';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { nearestSql } from './nearest-sql';
import type { NearestBody } from './request';

/** How many alternatives the answer offers at most. */
export const NEAREST_ALTERNATIVES = 3;
/** Rings of the search: the step is the distance over this, so the number of placements stays bounded. */
const RINGS = 25;
/** Finest step (m): closer placements differ by less than the class map's buffers are exact. */
const MIN_STEP_M = 50;
/** Turns tried for shapes (clockwise degrees); a point is only moved. */
const ROTATIONS = [0, 45, 90, 135];
/** Placements the screen passes on to be spread and confirmed. */
const SCREEN_LIMIT = 60;
/** Checks of record spent confirming at most. */
const MAX_CONFIRM = 8;
/** Footprints larger than this (vertices) are not searched: every placement costs its vertices in the screen. */
export const NEAREST_MAX_VERTICES = 2000;

/**
 * The nearest placements of a footprint (moved, and turned for shapes) whose verdict is no worse
 * than `accept`, within `maxDistanceM` of where it is: placements on rings around it, nearest
 * first, are screened against the class map's zones in PostGIS (nearest-sql.ts); the first few
 * that pass, spread apart, are confirmed one by one with the check of record, so every
 * alternative carries the verdict /api/check gives it. Throws the check's ApiErrors for a
 * footprint it refuses.
 */
export async function nearestSites(db: Db, body: NearestBody): Promise<NearestResponse> {
	const original = await checkFootprint(db, { footprint: body.footprint, projectType: body.projectType });
	if (!original.ok) throw footprintApiError(original.error, original.repair);
	const vertices = original.figures.vertices ?? 0;
	if (vertices > NEAREST_MAX_VERTICES) {
		const messages = {
			zh: `范围过于复杂，无法搜索替代选址：${vertices} 个顶点，上限 ${NEAREST_MAX_VERTICES}。请简化边界后重试。`,
			en: `Too complex to search for other sites: ${vertices} vertices, at most ${NEAREST_MAX_VERTICES}. Simplify the boundary and try again.`
		};
		throw new ApiError(422, 'too-complex', messages, { messages });
	}
	const geometry = footprintGeometry(original.footprint);
	const bbox = original.footprint.parts.bbox!;
	const centre: Position = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
	const m = metresPerDegree(centre[1]);
	const reachM = Math.hypot(((bbox[2] - bbox[0]) / 2) * m.lon, ((bbox[3] - bbox[1]) / 2) * m.lat);
	const stepM = Math.max(MIN_STEP_M, body.maxDistanceM / RINGS);
	const isShape = original.footprint.parts.polygons.length > 0 || original.footprint.parts.lines.length > 0;
	const rotations = isShape ? ROTATIONS : [0];
	const candidates = placements(stepM, body.maxDistanceM, rotations);
	const affines = candidates.map((p) => placementAffine(p, centre));

	const terms = zoneTerms(zoningLayers(), body.projectType);
	const searchBox: [number, number, number, number] = [bbox[0] - 1, bbox[1] - 1, bbox[2] + 1, bbox[3] + 1];
	const statement = nearestSql(terms, (b) => marginDegrees(b, searchBox), {
		footprint: JSON.stringify(geometry),
		centre: [centre[0], centre[1]],
		radiusM: body.maxDistanceM + reachM + 10,
		affines,
		accept: body.accept,
		limit: SCREEN_LIMIT
	});
	const [screen] = await db.query<{ passed: number[] }>(statement.text, statement.values);
	if (!screen) throw new Error('nearest-site screen: the database returned no row (a geometry operation failed without an error)');
	const passed = screen.passed.map((i) => i - 1);

	const alternatives: NearestAlternative[] = [];
	let confirmed = 0;
	for (const i of spreadApart(passed, candidates, Math.max(stepM, reachM))) {
		if (alternatives.length >= NEAREST_ALTERNATIVES || confirmed >= MAX_CONFIRM) break;
		const moved = single(applyAffine(geometry, affines[i]));
		confirmed++;
		const check = await checkFootprint(db, { footprint: moved, projectType: body.projectType });
		if (!check.ok || !acceptable(check.response.verdict, body.accept)) continue;
		const to: Position = [centre[0] + candidates[i].eastM / m.lon, centre[1] + candidates[i].northM / m.lat];
		alternatives.push({
			footprint: moved,
			verdict: check.response.verdict,
			distanceM: Math.round(distance(centre, to) * 10) / 10,
			rotationDeg: candidates[i].rotationDeg,
			reportId: check.response.reportId
		});
	}
	// Rings are laid out in planar metres: the geodesic distances may swap neighbours by decimetres.
	alternatives.sort((x, y) => x.distanceM - y.distanceM);
	const answer: NearestResponse = {
		alternatives,
		footprintVerdict: original.response.verdict,
		searched: { placements: candidates.length, confirmed, stepM: Math.round(stepM * 10) / 10, rotations }
	};
	if (alternatives.length === 0) {
		const km = Math.round(body.maxDistanceM / 100) / 10;
		answer.reason = {
			code: 'none-within-distance',
			message: {
				zh: `在 ${km} 公里内（含旋转）找不到结论不劣于"${body.accept}"的同形选址。可扩大搜索距离或放宽可接受的结论。`,
				en: `No placement of this shape (moved or turned) within ${km} km has a verdict of ${body.accept} or better. Search farther or accept a weaker verdict.`
			}
		};
	}
	return answer;
}

/** Passing placements in order, skipping any within `apartM` of one already taken (near-duplicates). */
function spreadApart(passed: readonly number[], candidates: readonly Placement[], apartM: number): number[] {
	const taken: number[] = [];
	for (const i of passed) {
		const p = candidates[i];
		if (taken.every((j) => Math.hypot(candidates[j].eastM - p.eastM, candidates[j].northM - p.northM) >= apartM)) taken.push(i);
	}
	return taken;
}

/** A Multi* of one member as its single form, as a planner drew it. */
function single(g: Geometry): Geometry {
	if (g.type === 'MultiPolygon' && g.coordinates.length === 1) return { type: 'Polygon', coordinates: g.coordinates[0] };
	if (g.type === 'MultiLineString' && g.coordinates.length === 1) return { type: 'LineString', coordinates: g.coordinates[0] };
	if (g.type === 'MultiPoint' && g.coordinates.length === 1) return { type: 'Point', coordinates: g.coordinates[0] };
	return g;
}
