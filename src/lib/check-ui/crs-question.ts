// The CRS question the page puts beside a refusal (upload and typed coordinates alike): where
// the numbers landed, the systems that put them in Changji, and whether they can be kept as read.
import type { CoordinateListPlacement } from '$lib/geo/coordinate-list';

export interface CrsQuestion {
	/** "EPSG:4548": the CRS the numbers were read in. */
	used?: string;
	/** Where they landed, WGS84 [lon, lat]; absent when they cannot be in that CRS at all. */
	lands?: [number, number];
	/** Best first; `swap`: read with the other axis order (easting first / x and y exchanged). */
	suggestions: { epsg: number; swap: boolean; lands: [number, number] }[];
	/** They were read and landed far away: they can be kept there ("use the file's CRS anyway"). */
	canKeep: boolean;
}

/** The question for the coordinate-list parser's placement (its `eastingFirst` is the axis order to ask for). */
export function placementQuestion(placement: CoordinateListPlacement): CrsQuestion {
	return {
		used: placement.used,
		lands: placement.lands,
		suggestions: placement.suggestions.map((s) => ({ epsg: s.epsg, swap: s.eastingFirst, lands: s.lands })),
		canKeep: placement.lands !== undefined
	};
}
