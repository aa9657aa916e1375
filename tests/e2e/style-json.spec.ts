import { expect, openMap, test } from './fixtures';

// The public map loads its sources and layers from /style.json, the same document QGIS and
// other MapLibre apps get: one request instead of a TileJSON per layer.
test('the map starts from /style.json and asks for no TileJSON', async ({ page, record }) => {
	await openMap(page);
	const paths = record.requests.map((url) => new URL(url).pathname);
	expect(paths.filter((p) => p === '/style.json')).toHaveLength(1);
	expect(paths.filter((p) => /^\/tiles\/[^/]+\.json$/.test(p))).toEqual([]);
	expect(paths.some((p) => /^\/tiles\/[^/]+\/\d+\/\d+\/\d+\.mvt$/.test(p))).toBe(true);
	expect(record.errors).toEqual([]);
});
