import { describe, expect, it } from 'vitest';
import { crsFromEpsg } from './crs';
import proj4 from 'proj4';
import { farFromChangji, guessCrs, misfit, misplaced, placementsInChangji } from './crs-guess';

const box = (minX: number, minY: number, maxX: number, maxY: number) => ({ minX, minY, maxX, maxY });

describe('guessCrs', () => {
	it('reads the zone from the easting prefix', () => {
		expect(guessCrs(box(29512345, 4861000, 29618000, 4930000)).candidates).toEqual([4517]);
		expect(guessCrs(box(30400000, 4861000, 30600000, 4930000)).candidates).toEqual([4518]);
		expect(guessCrs(box(28646298, 4786512, 28700000, 4800000)).candidates).toEqual([4516]);
		expect(guessCrs(box(15400000, 4861000, 15600000, 4930000)).candidates).toEqual([4493]); // 6° zone 15
		expect(guessCrs(box(29512345, 4861000, 29618000, 4930000)).text.en).toContain('zone 29 with zone prefix (EPSG:4517)');
	});

	it('sees easting and northing swapped', () => {
		const swapped = guessCrs(box(4861000, 29512345, 4930000, 29618000));
		expect(swapped).toMatchObject({ candidates: [4517], swapped: true });
		expect(swapped.text.en).toContain('X is the northing');
		expect(guessCrs(box(4861000, 400000, 4930000, 600000)).swapped).toBe(true);
		expect(guessCrs(box(44.0, 87.0, 44.3, 89.6)).swapped).toBe(true);
	});

	it('lists the central meridians that would put unprefixed eastings in Changji', () => {
		const guess = guessCrs(box(450000, 4861000, 550000, 4930000));
		expect(guess.candidates).toContain(4538);
		expect(guess.candidates).toContain(4539);
		expect(guess.candidates).not.toContain(4537);
		expect(guess.text.en).toContain('cannot be told');
	});

	it('knows lon/lat in and out of Changji, and Web Mercator', () => {
		expect(guessCrs(box(87.0, 43.8, 87.5, 44.2)).candidates).toEqual([4490, 4326]);
		expect(guessCrs(box(116.3, 39.8, 116.5, 40.0)).text.en).toMatch(/around 116\.4000°E 39\.9000°N, about 2,4\d\d km from Changji/);
		expect(guessCrs(box(9684795, 5465442, 9700000, 5470000)).candidates).toEqual([3857]);
		expect(guessCrs(box(-5e7, 0, -4e7, 1)).candidates).toEqual([]);
	});
});

describe('misfit and misplaced', () => {
	it('refuses prefixed eastings declared as WGS84, saying what they look like', () => {
		const problem = misfit(box(29512345, 4861000, 29618000, 4930000), crsFromEpsg(4326)!);
		expect(problem?.en).toContain('declared WGS 84 (EPSG:4326)');
		expect(problem?.en).toContain('CGCS2000 3° Gauss-Krüger zone 29 with zone prefix (EPSG:4517)');
		expect(problem?.zh).toContain('EPSG:4517');
	});

	it('refuses prefixed data declared unprefixed, and eastings too far from the declared zone to be in it', () => {
		// Zone-30 numbers declared zone 29 can be zone 29 (≈ 100°E): that is for the landing check to say.
		expect(misfit(box(30400000, 4861000, 30600000, 4930000), crsFromEpsg(4517)!)).toBeUndefined();
		expect(misfit(box(29512345, 4861000, 29618000, 4930000), crsFromEpsg(4526)!)?.en).toContain('EPSG:4517');
		expect(misfit(box(29512345, 4861000, 29618000, 4930000), crsFromEpsg(4538)!)?.en).toContain('EPSG:4517');
		expect(misfit(box(4861000, 512345, 4930000, 618000), crsFromEpsg(4538)!)?.en).toContain('swapped');
	});

	it('accepts coordinates that fit', () => {
		expect(misfit(box(29512345, 4861000, 29618000, 4930000), crsFromEpsg(4517)!)).toBeUndefined();
		expect(misfit(box(412345, 4861000, 618000, 4930000), crsFromEpsg(4538)!)).toBeUndefined();
		expect(misfit(box(87, 44, 88, 45), crsFromEpsg(4490)!)).toBeUndefined();
	});

	it('says where reprojected data landed when it is not near Changji', () => {
		expect(misplaced(box(86, 43.5, 90, 45))).toBeUndefined();
		const away = misplaced(box(116.3, 39.8, 116.5, 40.0));
		expect(away?.en).toMatch(/lands around 116\.4000°E 39\.9000°N/);
		expect(away?.zh).toContain('超出昌吉州');
	});
});

/** Changji city and a point 2 km north-east of it, in `epsg`, as stored (easting, northing). */
function changjiIn(epsg: number) {
	const forward = proj4('WGS84', crsFromEpsg(epsg)!.proj4);
	const [a, b] = [forward.forward([87.3, 44.01]), forward.forward([87.32, 44.03])];
	return box(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
}

describe('placementsInChangji: the zone that puts the points in Changji, found by projecting', () => {
	// Zones 25–41 with the prefix (CM 75–123°E): far from its central meridian an easting's leading
	// digits are not its zone (Changji in zone 38 reads "36…"), which once gave EPSG:4526 data an EPSG:4524 hint.
	for (let epsg = 4513; epsg <= 4529; epsg++)
		it(`names EPSG:${epsg} for Changji computed in it, and the declaration fits`, () => {
			const stored = changjiIn(epsg);
			expect(placementsInChangji(stored)[0]).toMatchObject({ epsg, swapped: false });
			expect(guessCrs(stored).candidates[0]).toBe(epsg);
			expect(misfit(stored, crsFromEpsg(epsg)!)).toBeUndefined();
			expect(placementsInChangji(swapBox(stored))[0]).toMatchObject({ epsg, swapped: true });
		});

	// CM 75–93°E without the prefix: the numbers alone cannot tell the meridian, but every
	// candidate lands in the prefecture and the true one is among them.
	for (let epsg = 4534; epsg <= 4540; epsg++)
		it(`lists EPSG:${epsg} (CM ${75 + 3 * (epsg - 4534)}°E, no prefix) among systems that land in Changji`, () => {
			const found = placementsInChangji(changjiIn(epsg));
			expect(found.map((p) => p.epsg)).toContain(epsg);
			for (const p of found) {
				expect(p.lands[0]).toBeGreaterThanOrEqual(85.5);
				expect(p.lands[0]).toBeLessThanOrEqual(91.5);
			}
		});

	it('finds nothing for data that is really elsewhere (Beijing in zone 39)', () => {
		const beijing = proj4('WGS84', crsFromEpsg(4527)!.proj4, [116.4, 39.9]);
		expect(placementsInChangji(box(beijing[0], beijing[1], beijing[0] + 100, beijing[1] + 100))).toEqual([]);
		expect(guessCrs(box(beijing[0], beijing[1], beijing[0] + 100, beijing[1] + 100)).text.en).toContain('EPSG:4527');
	});
});

describe('farFromChangji', () => {
	it('says where zone-29 data declared zone 31 (EPSG:4519) lands, and suggests EPSG:4517', () => {
		const stored = changjiIn(4517);
		const [lon, lat] = proj4(crsFromEpsg(4519)!.proj4, 'WGS84', [stored.minX, stored.minY]);
		const far = farFromChangji(box(lon, lat, lon, lat), stored);
		expect(far?.lands[0]).toBeLessThan(80);
		expect(far?.km).toBeGreaterThan(500);
		expect(far?.suggestions[0]).toMatchObject({ epsg: 4517, swapped: false });
		expect(farFromChangji(box(87.3, 44.01, 87.32, 44.03), stored)).toBeUndefined();
	});
});

function swapBox(e: ReturnType<typeof box>) {
	return box(e.minY, e.minX, e.maxY, e.maxX);
}
