import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './url-state';

describe('parseHash', () => {
	it('reads the view, the visible layers, the selection and the basemap', () => {
		expect(parseHash('#map=8/44.1/88.2&layers=coal-fire,ecological-redline&sel=coal-fire:12&base=tianditu-imagery')).toEqual({
			view: { zoom: 8, lat: 44.1, lng: 88.2, bearing: 0, pitch: 0 },
			layers: ['coal-fire', 'ecological-redline'],
			selection: { layer: 'coal-fire', id: 12 },
			basemap: 'tianditu-imagery'
		});
	});

	it('reads bearing and pitch when present', () => {
		expect(parseHash('map=10.5/44/88/30/45').view).toEqual({ zoom: 10.5, lat: 44, lng: 88, bearing: 30, pitch: 45 });
	});

	it('keeps an empty layer list (everything switched off) apart from no list (the defaults)', () => {
		expect(parseHash('#layers=').layers).toEqual([]);
		expect(parseHash('#map=8/44/88').layers).toBeUndefined();
	});

	it('drops unknown layers, malformed views and selections of unknown layers', () => {
		expect(parseHash('#map=8/foo/88&layers=coal-fire,drop-table&sel=nope:3')).toEqual({ layers: ['coal-fire'] });
		expect(parseHash('#map=99/44/88')).toEqual({});
		expect(parseHash('#sel=coal-fire:1;DROP')).toEqual({});
	});
});

describe('formatHash', () => {
	it('writes a readable hash with precision that follows the zoom', () => {
		expect(
			formatHash({
				view: { zoom: 8.123, lat: 44.123456, lng: 88.654321, bearing: 0, pitch: 0 },
				layers: ['coal-fire', 'mine-restoration'],
				selection: { layer: 'coal-fire', id: 12 }
			})
		).toBe('#map=8.12/44.123/88.654&layers=coal-fire,mine-restoration&sel=coal-fire:12');
	});

	it('round-trips through parseHash', () => {
		const state = {
			view: { zoom: 11, lat: 44.01, lng: 87.3, bearing: 15, pitch: 30 },
			layers: [],
			selection: { layer: 'town', id: 3 },
			basemap: 'schematic'
		};
		expect(parseHash(formatHash(state))).toEqual(state);
	});

	it('is empty for an empty state', () => {
		expect(formatHash({})).toBe('');
	});
});
