import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';
import type { BBox } from '$lib/check';
import type { FootprintInput } from '$lib/api/saved-checks';
import type { CheckResponse, ReportLang, ZoneGeometry } from '$lib/check/report';
import { zoningLayers } from '$lib/layers/registry';
import type { Localized, ProjectType } from '$lib/layers/types';
import { relabelLonLat, type LonLatSource } from '$lib/geo/lonlat-source';
import { postCheck, type ApiError } from './api';
import { api } from '$lib/api/client';
import { CandidateLoader } from './candidates';
import { compareResults, type ResultDifference } from './compare';
import { footprintCollection, footprintGeometry, newPartId, partsBBox, sameGeometries, splitGeometry, type DrawTool, type FootprintPart } from './footprint';
import { SnapshotHistory } from './history.svelte';
import { runPreview, type PreviewOutcome } from './preview';
import { saveReport } from './report-store';

/** The answer of record from POST /api/check, for the footprint as it was sent. */
export type RecordOutcome =
	| { status: 'none' }
	| { status: 'running' }
	| { status: 'done'; response: CheckResponse; zones: ZoneGeometry[]; difference: ResultDifference | undefined }
	| { status: 'error'; error: ApiError };

/** Debounce of the live check: short enough to feel instant, long enough to skip the frames of a drag. */
export const PREVIEW_DEBOUNCE_MS = 150;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** What a saved check records as the input CRS of lon/lat read as each source. */
export const LON_LAT_CODES: Record<LonLatSource, string> = { wgs84: 'EPSG:4326', gcj02: 'GCJ-02', bd09: 'BD-09' };

/** One alternative footprint (方案 A, B, C …) with its own undo history and answers. */
export class Scenario {
	readonly id = newPartId();
	parts = $state.raw<FootprintPart[]>([]);
	projectType = $state<ProjectType>('other');
	readonly history: SnapshotHistory<FootprintPart[]>;
	preview = $state.raw<PreviewOutcome>({ status: 'empty' });
	record = $state.raw<RecordOutcome>({ status: 'none' });
	/** What the upload or the pasted list that made the footprint said (CRS used, conversions). */
	notes = $state.raw<Localized[]>([]);
	/** The file or the pasted text the footprint came from, and its CRS: a saved check keeps it. */
	input = $state.raw<FootprintInput>({});
	/** Where the lon/lat of an input that did not say came from, as the planner answered (what was applied). */
	lonLatSource = $state<LonLatSource | undefined>(undefined);

	constructor(
		readonly letter: string,
		from?: Scenario
	) {
		if (from) {
			this.parts = from.parts;
			this.projectType = from.projectType;
			this.preview = from.preview;
			this.notes = from.notes;
			this.input = from.input;
			this.lonLatSource = from.lonLatSource;
		}
		this.history = new SnapshotHistory<FootprintPart[]>(this.parts);
	}
}

/** Timestamps (performance.now()) the bench and the browser tests read through window.__ecomapCheck. */
export interface CheckTimings {
	/** The last change of the footprint (a click that finished a shape, a drag, an upload). */
	changedAt?: number;
	/** When the preview for the current footprint was set (the page renders it in the same frame). */
	previewAt?: number;
	/** How long the last preview took: candidates and engine. */
	previewMs?: number;
}

/**
 * The check page's state: the alternatives and which one is open, the drawing tool, the live
 * preview and the answer of record. Components read and write these runes; the map follows.
 */
export class CheckState {
	scenarios = $state.raw<Scenario[]>([new Scenario('A')]);
	activeId = $state<string>('');
	tool = $state<DrawTool>('polygon');
	/** A preview is being computed (the last one stays on screen meanwhile). */
	previewBusy = $state(false);
	/** Bumped whenever the parts change from outside terra-draw (undo, upload, repair, switching): the draw layer reloads. */
	redraws = $state(0);
	/** Parts terra-draw would not take (polygons with holes): drawn by the page, not editable. */
	fixedIds = $state.raw<ReadonlySet<string>>(new Set());
	/** A conflict the planner points at in the list: outlined on the map. */
	focused = $state.raw<{ layer: string; featureId: string | number } | undefined>(undefined);
	map = $state.raw<MapLibreMap | undefined>(undefined);
	/** Any layer marked illustrative (示意): the report says so. */
	illustrative = $state(false);
	/** A pasted coordinate list, parsed and shown on the map, waiting for the planner to use it. */
	pending = $state.raw<{ geometry: Geometry; notes: Localized[]; crs: { code: string; label: Localized }; lonLatSource?: LonLatSource } | undefined>(undefined);
	dataVersions: Record<string, string> = {};
	/** Moves the map to a bbox, clear of the panel (set by the page). */
	fit: (bbox: BBox) => void = () => undefined;
	readonly loader = new CandidateLoader();
	readonly timings: CheckTimings = {};

	#timer: ReturnType<typeof setTimeout> | undefined;
	#sequence = 0;

	constructor() {
		this.activeId = this.scenarios[0].id;
	}

	get active(): Scenario {
		return this.scenarios.find((s) => s.id === this.activeId) ?? this.scenarios[0];
	}

	/** A live change from terra-draw (drawing, dragging): no undo step until it finishes. */
	fromDraw(drawn: readonly FootprintPart[]): void {
		const s = this.active;
		const byId = new Map(drawn.map((p) => [p.id, p]));
		const kept = s.parts.flatMap((p) => (this.fixedIds.has(p.id) ? [p] : byId.has(p.id) ? [byId.get(p.id)!] : []));
		const keptIds = new Set(kept.map((p) => p.id));
		const next = [...kept, ...drawn.filter((p) => !keptIds.has(p.id))];
		if (sameGeometries(next, s.parts) && next.every((p, i) => p.id === s.parts[i]?.id)) return;
		this.#setParts(next);
	}

	/**
	 * An edit finished (a shape closed, a drag released): one step for undo, and the answer at
	 * once — the debounce is for the stream of changes while dragging, not for a finished edit.
	 */
	commit(): void {
		const s = this.active;
		if (!sameGeometries(s.history.present, s.parts)) s.history.push(s.parts);
		clearTimeout(this.#timer);
		void this.previewNow();
	}

	/**
	 * Replaces the footprint (upload, pasted list, repair): one undo step, terra-draw reloads.
	 * `lonLatSource`: the lon/lat came without a stated source and were read as this.
	 */
	replace(parts: FootprintPart[], notes: Localized[] = [], input: FootprintInput = {}, lonLatSource?: LonLatSource): void {
		const s = this.active;
		s.notes = notes;
		s.input = input;
		s.lonLatSource = lonLatSource;
		this.#setParts(parts);
		s.history.push(parts);
		this.redraws++;
	}

	replaceWithGeometry(geometry: Geometry, origin: FootprintPart['origin'], notes: Localized[] = [], input: FootprintInput = {}, lonLatSource?: LonLatSource): void {
		this.replace(splitGeometry(geometry, origin), notes, input, lonLatSource);
	}

	/** The planner says the lon/lat came from another source: the footprint moves by the difference (edits kept). */
	relabelLonLat(to: LonLatSource): void {
		const s = this.active;
		const from = s.lonLatSource;
		if (!from || from === to) return;
		const parts = s.parts.map((p) => ({ ...p, geometry: relabelLonLat(p.geometry, from, to) as FootprintPart['geometry'] }));
		this.replace(parts, s.notes, { ...s.input, crs: LON_LAT_CODES[to] }, to);
		this.fitFootprint();
	}

	/** Shows the whole footprint of the open alternative. */
	fitFootprint(): void {
		const bbox = partsBBox(this.active.parts);
		if (bbox) this.fit(bbox);
	}

	undo(): void {
		const parts = this.active.history.undo();
		if (parts) this.#restore(parts);
	}

	redo(): void {
		const parts = this.active.history.redo();
		if (parts) this.#restore(parts);
	}

	clear(): void {
		if (this.active.parts.length) this.replace([]);
	}

	setProjectType(type: ProjectType): void {
		const s = this.active;
		if (s.projectType === type) return;
		s.projectType = type;
		s.record = { status: 'none' };
		this.schedulePreview(0);
	}

	/** Keeps the open footprint as it is and continues in a copy: 方案 B, C … */
	saveAsAlternative(): void {
		const letter = LETTERS[this.scenarios.length] ?? String(this.scenarios.length + 1);
		const copy = new Scenario(letter, this.active);
		this.scenarios = [...this.scenarios, copy];
		this.switchTo(copy.id);
	}

	switchTo(id: string): void {
		if (id === this.activeId || !this.scenarios.some((s) => s.id === id)) return;
		this.activeId = id;
		this.focused = undefined;
		this.redraws++;
		this.schedulePreview(0);
	}

	removeAlternative(id: string): void {
		if (this.scenarios.length < 2) return;
		const index = this.scenarios.findIndex((s) => s.id === id);
		this.scenarios = this.scenarios.filter((s) => s.id !== id);
		if (id === this.activeId) this.switchTo(this.scenarios[Math.max(0, index - 1)].id);
	}

	#restore(parts: FootprintPart[]): void {
		this.active.notes = [];
		this.active.lonLatSource = undefined;
		this.#setParts(parts);
		this.redraws++;
	}

	#setParts(parts: FootprintPart[]): void {
		const s = this.active;
		s.parts = parts;
		s.record = { status: 'none' };
		this.timings.changedAt = performance.now();
		this.schedulePreview();
	}

	/** Runs the live check after the planner pauses for PREVIEW_DEBOUNCE_MS. */
	schedulePreview(delay = PREVIEW_DEBOUNCE_MS): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.previewNow(), delay);
	}

	async previewNow(): Promise<void> {
		const s = this.active;
		const parts = s.parts;
		const projectType = s.projectType;
		const sequence = ++this.#sequence;
		const started = performance.now();
		this.previewBusy = true;
		let outcome: PreviewOutcome;
		try {
			outcome = await runPreview(parts, projectType, this.loader, this.dataVersions);
		} catch (error) {
			console.error('[ecomap] live check failed:', error);
			outcome = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
		}
		// A newer edit started its own preview: this one is out of date.
		if (sequence !== this.#sequence) return;
		this.previewBusy = false;
		if (s.parts !== parts || s.projectType !== projectType) return;
		s.preview = outcome;
		this.timings.previewAt = performance.now();
		this.timings.previewMs = this.timings.previewAt - started;
	}

	/** POST /api/check: the answer of record, kept for the report page. */
	async checkOfRecord(lang: ReportLang): Promise<void> {
		const s = this.active;
		const parts = s.parts;
		const projectType = s.projectType;
		if (!parts.length) return;
		s.record = { status: 'running' };
		const request = { footprint: footprintCollection(parts), projectType, lang };
		const outcome = await postCheck(request);
		if (s.parts !== parts || s.projectType !== projectType) return;
		if (!outcome.ok) {
			s.record = { status: 'error', error: outcome.error };
			return;
		}
		const response = outcome.value;
		const zones = await this.#zonesFor(response, s.preview);
		const difference = s.preview.status === 'done' ? compareResults(s.preview.result, response) : undefined;
		s.record = { status: 'done', response, zones, difference };
		saveReport({
			response,
			request: request.footprint,
			footprint: footprintGeometry(parts),
			zones,
			illustrative: this.illustrative,
			alternative: this.scenarios.length > 1 ? s.letter : undefined
		});
	}

	/** Geometries of the features the answer of record names: from the preview, else read again. */
	async #zonesFor(response: CheckResponse, preview: PreviewOutcome): Promise<ZoneGeometry[]> {
		const known = preview.status === 'done' ? preview.zones : [];
		const zones: ZoneGeometry[] = [];
		for (const c of response.conflicts) {
			const hit = known.find((z) => z.layer === c.layer && String(z.featureId) === String(c.featureId));
			if (hit) {
				zones.push(hit);
				continue;
			}
			const feature = await this.loader.feature(c.layer, c.featureId);
			if (feature?.geometry) zones.push({ layer: c.layer, featureId: c.featureId, geometry: feature.geometry });
		}
		return zones;
	}

	/** Data versions and the illustrative flag, from /api/layers. */
	async loadLayerInfo(): Promise<void> {
		const stats = await api.layerStats();
		const zoning = new Set(zoningLayers().map((l) => l.id));
		this.dataVersions = Object.fromEntries(stats.filter((s) => zoning.has(s.id) && s.version !== null).map((s) => [s.id, String(s.version)]));
		this.illustrative = stats.some((s) => zoning.has(s.id) && s.illustrative);
	}
}

const KEY = Symbol('check-state');

export function setCheckState(state: CheckState): CheckState {
	return setContext(KEY, state);
}

export function getCheckState(): CheckState {
	const state = getContext<CheckState | undefined>(KEY);
	if (!state) throw new Error('getCheckState() outside the check page');
	return state;
}
