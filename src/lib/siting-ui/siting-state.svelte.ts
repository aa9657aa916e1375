import type { Polygon, Position } from 'geojson';
import { getContext, setContext } from 'svelte';
import type { Acceptable, NearestAlternative, NearestResponse, SitingArea, SitingResponse } from '$lib/api/siting';
import type { CheckResponse, ReportLang } from '$lib/check/report';
import type { ProjectType } from '$lib/layers/types';
import { postCheck } from '$lib/check-ui/api';
import type { ApiError } from '$lib/check-ui/api';
import { rectangleAround } from '$lib/siting/shapes';
import { postNearest, postSiting, type SitingProblem } from './api';

export type AreaKind = 'county' | 'prefecture' | 'radius' | 'box';

/** What a tap on the map is for: setting the area (a centre, box corners) or asking about a spot. */
export type TapPurpose = 'spot' | 'centre' | 'box';

export type Loading<T> = { status: 'none' } | { status: 'running' } | { status: 'done'; value: T } | { status: 'error'; problem: SitingProblem };

/** Side (m) of the square checked at a tapped spot: a tiny footprint, as in the agreement test. */
export const SPOT_SIDE_M = 2;

/** The box spanned by two corners, as a GeoJSON Polygon. */
export function boxPolygon(a: Position, b: Position): Polygon {
	const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
	const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
	return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

/**
 * Siting guidance on the check page: the area asked about, its class map, the answer for a
 * tapped spot and the nearest sites for the open footprint. The project type is the open
 * alternative's, so what is found here flows into the check.
 */
export class SitingState {
	areaKind = $state<AreaKind>('county');
	county = $state('昌吉市');
	radiusKm = $state(10);
	centre = $state.raw<Position | undefined>(undefined);
	corners = $state.raw<Position[]>([]);
	tap = $state<TapPurpose>('spot');
	map = $state.raw<Loading<SitingResponse>>({ status: 'none' });
	/** The area the shown map is of (for the download). */
	mapArea: SitingArea | undefined;
	mapProjectType: ProjectType | undefined;
	spot = $state.raw<{ at: Position; answer: Loading<CheckResponse> } | undefined>(undefined);
	accept = $state<Acceptable>('clear');
	maxDistanceKm = $state(5);
	nearest = $state.raw<Loading<NearestResponse>>({ status: 'none' });
	/** An alternative the planner points at in the list: outlined on the map. */
	focused = $state.raw<NearestAlternative | undefined>(undefined);

	/** The area as the API takes it, or undefined while it is incomplete. */
	get area(): SitingArea | undefined {
		switch (this.areaKind) {
			case 'county':
				return { county: this.county };
			case 'prefecture':
				return { prefecture: true };
			case 'radius':
				return this.centre && this.radiusKm > 0 ? { point: [this.centre[0], this.centre[1]], radiusM: this.radiusKm * 1000 } : undefined;
			case 'box':
				return this.corners.length === 2 ? boxPolygon(this.corners[0], this.corners[1]) : undefined;
		}
	}

	setAreaKind(kind: AreaKind): void {
		this.areaKind = kind;
		this.tap = kind === 'radius' ? 'centre' : kind === 'box' ? 'box' : 'spot';
		if (kind === 'box') this.corners = [];
	}

	/** A tap on the map: a corner or centre while picking the area, else the spot's verdict. */
	async tapped(at: Position, projectType: ProjectType, lang: ReportLang): Promise<void> {
		if (this.tap === 'centre') {
			this.centre = at;
			this.tap = 'spot';
			return;
		}
		if (this.tap === 'box') {
			this.corners = this.corners.length >= 2 ? [at] : [...this.corners, at];
			if (this.corners.length === 2) this.tap = 'spot';
			return;
		}
		this.spot = { at, answer: { status: 'running' } };
		const outcome = await postCheck({ footprint: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: rectangleAround(at, SPOT_SIDE_M) }] }, projectType, lang });
		if (this.spot?.at !== at) return;
		this.spot = { at, answer: outcome.ok ? { status: 'done', value: outcome.value } : { status: 'error', problem: fromCheckError(outcome.status, outcome.error) } };
	}

	async loadMap(projectType: ProjectType): Promise<void> {
		const area = this.area;
		if (!area) return;
		this.map = { status: 'running' };
		const outcome = await postSiting(projectType, area);
		this.map = outcome.ok ? { status: 'done', value: outcome.value } : { status: 'error', problem: outcome.problem };
		if (outcome.ok) {
			this.mapArea = area;
			this.mapProjectType = projectType;
		}
	}

	async findNearest(footprint: unknown, projectType: ProjectType): Promise<void> {
		this.nearest = { status: 'running' };
		this.focused = undefined;
		const outcome = await postNearest(footprint, projectType, this.maxDistanceKm * 1000, this.accept);
		this.nearest = outcome.ok ? { status: 'done', value: outcome.value } : { status: 'error', problem: outcome.problem };
	}
}

function fromCheckError(status: number, error: ApiError): SitingProblem {
	return { status, messages: error.messages };
}

const KEY = Symbol('siting-state');

export function setSitingState(state: SitingState): SitingState {
	return setContext(KEY, state);
}

export function getSitingState(): SitingState {
	const state = getContext<SitingState | undefined>(KEY);
	if (!state) throw new Error('getSitingState() outside the check page');
	return state;
}
