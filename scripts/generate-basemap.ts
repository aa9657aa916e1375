/**
 * Adds what orients a reader to the bundled schematic basemap (static/basemap/landscape.geojson):
 * Ürümqi in the notch between Changji city and Fukang, the names of the neighbouring
 * prefectures and of the Tianshan, Bogda Peak and the Gurbantünggüt desert. The landscape
 * belts in the file are hand-drawn and kept as they are; this script replaces only what it
 * wrote before, so every run writes the same bytes.
 *
 *   npx tsx scripts/generate-basemap.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LANDSCAPE_FILE = join(root, 'static', 'basemap', 'landscape.geojson');
const COUNTY_FILE = join(root, 'data', 'seed', 'county.geojson');

/** The hand-drawn belts: kept. */
const BELTS = new Set(['mountain', 'glacier', 'oasis', 'desert', 'gobi']);

type Role = 'city' | 'neighbour' | 'range' | 'peak' | 'desert';
interface Place {
	name: string;
	name_en: string;
	role: Role;
	at: [number, number];
}

/** Approximate label positions (WGS84), for orientation only: outside the prefecture, or on features it does not hold. */
export const PLACES: Place[] = [
	{ name: '乌鲁木齐市', name_en: 'Ürümqi', role: 'city', at: [87.62, 43.83] },
	{ name: '石河子市', name_en: 'Shihezi', role: 'neighbour', at: [85.9, 44.8] },
	{ name: '塔城地区', name_en: 'Tacheng Prefecture', role: 'neighbour', at: [85.0, 45.0] },
	{ name: '阿勒泰地区', name_en: 'Altay Prefecture', role: 'neighbour', at: [88.4, 46.2] },
	{ name: '哈密市', name_en: 'Hami', role: 'neighbour', at: [92.2, 44.2] },
	{ name: '吐鲁番市', name_en: 'Turpan', role: 'neighbour', at: [89.4, 43.02] },
	{ name: '巴音郭楞蒙古自治州', name_en: 'Bayingolin Prefecture', role: 'neighbour', at: [86.2, 42.95] },
	{ name: '蒙古国', name_en: 'Mongolia', role: 'neighbour', at: [91.9, 45.6] },
	{ name: '天山', name_en: 'Tianshan', role: 'range', at: [86.75, 43.42] },
	{ name: '天山', name_en: 'Tianshan', role: 'range', at: [90.2, 43.5] },
	{ name: '博格达峰 5445', name_en: 'Bogda Peak 5445', role: 'peak', at: [88.31, 43.8] },
	{ name: '古尔班通古特沙漠', name_en: 'Gurbantünggüt Desert', role: 'desert', at: [87.7, 45.12] }
];

const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

/** Ürümqi's built-up area, schematic: a disc round the city centre, minus the prefecture's counties. */
function urumqiArea(counties: FeatureCollection<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon> {
	const union = turf.union(counties);
	const disc = turf.circle([87.6, 43.84], 17, { steps: 48, units: 'kilometers' });
	const area = union ? turf.difference(turf.featureCollection([disc, union])) : disc;
	if (!area) throw new Error('Ürümqi’s disc lies wholly inside the counties');
	const geometry = turf.truncate(area, { precision: 5 }).geometry;
	return { type: 'Feature', properties: { kind: 'urban', name: '乌鲁木齐市（示意）', name_en: 'Ürümqi (schematic)' }, geometry };
}

function label(place: Place): Feature<Point> {
	return {
		type: 'Feature',
		properties: { kind: 'label', role: place.role, name: place.name, name_en: place.name_en },
		geometry: { type: 'Point', coordinates: place.at.map(round5) }
	};
}

/** The basemap file with the generated features in place of the earlier ones. */
export function generateLandscape(current: FeatureCollection, counties: FeatureCollection<Polygon | MultiPolygon>): FeatureCollection {
	const belts = current.features.filter((f) => BELTS.has(String(f.properties?.kind)));
	return { ...current, features: [...belts, urumqiArea(counties), ...PLACES.map(label)] };
}

function main(): void {
	const current = JSON.parse(readFileSync(LANDSCAPE_FILE, 'utf8')) as FeatureCollection;
	const counties = JSON.parse(readFileSync(COUNTY_FILE, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
	const next = generateLandscape(current, counties);
	const { features, ...head } = next;
	const text = `${JSON.stringify(head).slice(0, -1)},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
	writeFileSync(LANDSCAPE_FILE, text);
	console.log(`landscape.geojson: ${features.length} features`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
