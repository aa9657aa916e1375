// What was applied to lon/lat of unstated source, in words: one sentence per source, in the
// page's language or as a two-language Localized for what is kept with the footprint.
import type { LonLatSource } from '$lib/geo/lonlat-source';
import type { Localized } from '$lib/layers/types';
import { m } from '$lib/paraglide/messages';

const APPLIED = {
	gcj02: m.check_lonlat_applied_gcj02,
	wgs84: m.check_lonlat_applied_wgs84,
	bd09: m.check_lonlat_applied_bd09
} satisfies Record<LonLatSource, unknown>;

/** "经纬度来源：高德/腾讯地图（GCJ-02），已转换为 WGS84", in the page's language. */
export const appliedText = (source: LonLatSource): string => APPLIED[source]();

/** The same in both languages. */
export const appliedLocalized = (source: LonLatSource): Localized => ({
	zh: APPLIED[source]({}, { locale: 'zh-CN' }),
	en: APPLIED[source]({}, { locale: 'en' })
});
