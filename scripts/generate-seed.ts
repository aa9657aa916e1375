/**
 * Generates the shipped illustrative (示意) Changji dataset: one GeoJSON FeatureCollection
 * per layer in data/seed/<layer-id>.geojson. Deterministic: every random choice comes from
 * a seeded generator keyed by layer and feature name, so every run writes the same bytes.
 *
 *   npx tsx scripts/generate-seed.ts
 *
 * How the shapes are made and what each layer rests on: data/seed/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { lakes, rivers, towns } from './seed-gen/basemap';
import { collection, lineFeature, notes, pointFeature, polygonFeature } from './seed-gen/features';
import { coalFires, mineSites } from './seed-gen/restoration';
import { stations } from './seed-gen/stations';
import { farmland, urbanBoundaries } from './seed-gen/territorial';
import { waterSources } from './seed-gen/water';
import { controlUnits, countyOutlines, redline, reserves } from './seed-gen/zoning';

/** Layer ids in the order they are written. */
export const SEED_LAYERS = [
	'ecological-redline',
	'control-unit',
	'sand-closure-reserve',
	'mine-restoration',
	'coal-fire',
	'water-source-protection',
	'permanent-basic-farmland',
	'urban-development-boundary',
	'county',
	'town',
	'river',
	'lake',
	'monitoring-station'
] as const;

const ZONE_ZH = { first: '一级保护区', second: '二级保护区', quasi: '准保护区' } as const;
const ZONE_EN = { first: 'first-level protection zone', second: 'second-level protection zone', quasi: 'quasi-protection zone' } as const;

/** The whole dataset, by layer id. Pure: same result on every call. */
/** Counties where the plan puts the 2026–30 source-protection works; the others finished theirs in 2021–25 (as migration 009). */
const SOURCE_WORKS_2026_30 = new Set(['木垒哈萨克自治县', '吉木萨尔县', '呼图壁县', '玛纳斯县']);
const sourceWorksStatus = (county: string) => (SOURCE_WORKS_2026_30.has(county) ? 'planned' : 'completed');

export function generateSeed(): Record<string, FeatureCollection> {
	const out: Record<string, FeatureCollection> = {};

	out['county'] = collection(
		countyOutlines().map(({ def, geom }) =>
			polygonFeature('county', geom, { code: def.adcode, name: def.key, name_en: def.en, region: def.region, ...notes('county') })
		)
	);
	out['town'] = collection(
		towns().map((t) =>
			pointFeature('town', t.p, { name: t.name, name_en: t.nameEn, kind: t.kind, county: t.county, ...notes('town') })
		)
	);
	out['river'] = collection(rivers().map((r) => lineFeature('river', r.parts, { name: r.name, name_en: r.nameEn, ...notes('river') })));
	out['lake'] = collection(
		lakes().map((l) => polygonFeature('lake', l.geom, { name: l.name, name_en: l.nameEn, kind: l.kind, ...notes('lake') }))
	);
	out['water-source-protection'] = collection(
		waterSources().flatMap((s) =>
			s.zones.map((z) =>
				polygonFeature('water-source-protection', z.geom, {
					name: `${s.name}${ZONE_ZH[z.level]}`,
					name_en: `${s.nameEn}, ${ZONE_EN[z.level]}`,
					source_id: s.id,
					source_name: s.name,
					source_name_en: s.nameEn,
					source_type: s.type,
					zone_level: z.level,
					county: s.county,
					status: sourceWorksStatus(s.county)
				})
			)
		)
	);
	out['coal-fire'] = collection(
		coalFires().map((c) =>
			polygonFeature('coal-fire', c.geom, { code: c.code, name: c.name, name_en: c.nameEn, county: c.county, status: c.status })
		)
	);
	out['mine-restoration'] = collection(
		mineSites().map((m) =>
			polygonFeature('mine-restoration', m.geom, {
				code: m.code,
				name: m.name,
				name_en: m.nameEn,
				county: m.county,
				site_type: m.siteType,
				status: m.status,
				restored_ha: m.restoredHa,
				method: m.method,
				responsible_unit: m.responsibleUnit,
				start_date: m.startDate,
				end_date: m.endDate
			})
		)
	);
	out['sand-closure-reserve'] = collection(
		reserves().map((r) =>
			polygonFeature('sand-closure-reserve', r.geom, {
				code: r.code,
				name: r.name,
				name_en: r.nameEn,
				county: r.county,
				established_year: r.year,
				status: 'closed'
			})
		)
	);
	out['ecological-redline'] = collection(
		redline().map((r) =>
			polygonFeature('ecological-redline', r.geom, { code: r.code, name: r.name, name_en: r.nameEn, function_type: r.functionType, county: r.county })
		)
	);
	out['control-unit'] = collection(
		controlUnits().map((u) =>
			polygonFeature('control-unit', u.geom, {
				code: u.code,
				name: u.name,
				name_en: u.nameEn,
				unit_type: u.unitType,
				county: u.county,
				access_requirements: u.access
			})
		)
	);
	out['urban-development-boundary'] = collection(
		urbanBoundaries().map((u) =>
			polygonFeature('urban-development-boundary', u.geom, { code: u.code, name: u.name, name_en: u.nameEn, county: u.county, kind: u.kind, ...notes('udb') })
		)
	);
	out['permanent-basic-farmland'] = collection(
		farmland().map((b) =>
			polygonFeature('permanent-basic-farmland', b.geom, { code: b.code, name: b.name, name_en: b.nameEn, county: b.county, ...notes('farmland') })
		)
	);
	out['monitoring-station'] = collection(
		stations().map((s) =>
			pointFeature('monitoring-station', s.p, {
				code: s.code,
				name: s.name,
				name_en: s.nameEn,
				kind: s.kind,
				measures: s.measures,
				county: s.county,
				...notes('station')
			})
		)
	);
	return Object.fromEntries(SEED_LAYERS.map((id) => [id, out[id]]));
}

/** File text of a collection: one feature per line, so diffs stay readable. */
export function serialize(fc: FeatureCollection): string {
	return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export const SEED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'seed');

function main(): void {
	const t0 = Date.now();
	const data = generateSeed();
	mkdirSync(SEED_DIR, { recursive: true });
	for (const [id, fc] of Object.entries(data)) {
		const text = serialize(fc);
		writeFileSync(join(SEED_DIR, `${id}.geojson`), text);
		console.log(`${id}.geojson: ${fc.features.length} features, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
	}
	console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
