import proj4 from 'proj4';
import { crsFromEpsg, gaussKrugerCode, zoneForLongitude } from './crs';

/** A position in a CGCS2000 3° Gauss-Krüger zone, as Chinese surveys write it. */
export interface GaussKrugerPosition {
	zone: number;
	epsg: number;
	/** Northing, metres. */
	x: number;
	/** Easting with the zone number in front (zone·10⁶ + 500 000 on the central meridian), metres. */
	y: number;
}

/**
 * The CGCS2000 3° Gauss-Krüger coordinates of a WGS84 point, in the zone it lies in
 * (CGCS2000 is taken as WGS84: they differ by centimetres). Undefined outside China's zones.
 *
 * @example
 * toGaussKruger3(87, 44) // → { zone: 29, epsg: 4517, x: 4873…, y: 29500000 }
 */
export function toGaussKruger3(lon: number, lat: number): GaussKrugerPosition | undefined {
	const { zone, centralMeridian } = zoneForLongitude(lon, 3);
	const epsg = gaussKrugerCode(3, centralMeridian, true);
	const crs = epsg === undefined ? undefined : crsFromEpsg(epsg);
	if (!crs || epsg === undefined) return undefined;
	const [easting, northing] = proj4('WGS84', crs.proj4, [lon, lat]);
	return { zone, epsg, x: northing, y: easting };
}
