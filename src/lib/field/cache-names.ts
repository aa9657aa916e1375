// Cache Storage names shared by the service worker and the page.
/** Pages and small data kept from their last answer (network first). */
export const PAGE_CACHE = 'ecomap-field-pages';
/** Tiles and TileJSON of downloaded areas (and TileJSON seen online). */
export const TILE_CACHE = 'ecomap-field-tiles';
/** Field photos, immutable by their hash. */
export const PHOTO_CACHE = 'ecomap-field-photos';
/** The one page of the field app: its views are search parameters. */
export const FIELD_PAGE = '/field';
