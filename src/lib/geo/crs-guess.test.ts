import { describe, expect, it } from 'vitest';
import { crsFromEpsg } from './crs';
import { guessCrs, misfit, misplaced } from './crs-guess';

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

	it('refuses a zone prefix that does not match the declared zone, and prefixed data declared unprefixed', () => {
		expect(misfit(box(30400000, 4861000, 30600000, 4930000), crsFromEpsg(4517)!)?.en).toContain('EPSG:4518');
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
