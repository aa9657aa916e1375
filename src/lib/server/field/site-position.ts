import proj4 from 'proj4';
import type { GaussKrugerPosition, NavigateLinks } from '../../api/field';
import { wgs84ToBd09 } from '../../geo/bd09';
import { crsFromEpsg, gaussKrugerCode, zoneForLongitude } from '../../geo/crs';
import { wgs84ToGcj02 } from '../../geo/gcj02';

/**
 * CGCS2000 3° Gauss-Krüger coordinates of a WGS84 point, as a survey table gives them:
 * X northing, Y easting with the zone in front (CGCS2000 is taken as WGS84, as PROJ does).
 */
export function gaussKrugerOf([lon, lat]: [number, number]): GaussKrugerPosition {
	const { zone, centralMeridian } = zoneForLongitude(lon, 3);
	const epsg = gaussKrugerCode(3, centralMeridian, true);
	const crs = epsg === undefined ? undefined : crsFromEpsg(epsg);
	if (!crs || epsg === undefined) throw new Error(`No CGCS2000 3° Gauss-Krüger zone for longitude ${lon}`);
	const [easting, northing] = proj4('WGS84', crs.proj4, [lon, lat]);
	return { zone, epsg, x: Math.round(northing * 1000) / 1000, y: Math.round(easting * 1000) / 1000 };
}

const fixed = (n: number) => n.toFixed(6);

/**
 * Hand-off links for navigation: `geo:` (RFC 5870, WGS84) for any map app, AMap's marker
 * URI in GCJ-02 and Baidu's in BD-09 — the datums those apps read coordinates in.
 */
export function navigateLinks([lon, lat]: [number, number], name: string): NavigateLinks {
	const [gLon, gLat] = wgs84ToGcj02([lon, lat]);
	const [bLon, bLat] = wgs84ToBd09([lon, lat]);
	const label = encodeURIComponent(name);
	return {
		geo: `geo:${fixed(lat)},${fixed(lon)}`,
		amap: `https://uri.amap.com/marker?position=${fixed(gLon)},${fixed(gLat)}&name=${label}&coordinate=gaode&callnative=1`,
		baidu: `https://api.map.baidu.com/marker?location=${fixed(bLat)},${fixed(bLon)}&title=${label}&content=${label}&coord_type=bd09ll&output=html&src=webapp.changji.ecomap`
	};
}
