// The admin data upload (/admin/data) as it crosses the wire.
import type { Position } from 'geojson';
import type { Localized } from '../layers/types';

/** How to read and load the file: the same choices as `npm run import`. */
export interface UploadOptions {
	layer: string;
	mode?: 'replace' | 'append';
	/** EPSG:nnnn, over what the file says. */
	srs?: string;
	fromGcj02?: boolean;
	swapXY?: boolean;
	encoding?: string;
	repair?: boolean;
}

/** The uploaded file as received: the audit row and the commit name it by these. */
export interface UploadedFile {
	name: string;
	size: number;
	sha256: string;
}

/** A feature whose geometry PostGIS found invalid, with where (when PostGIS says). */
export interface InvalidGeometry {
	text: Localized;
	location?: Position;
}

/** The dry run's answer: what a commit would do, or why it would fail. */
export interface DataPreview {
	file: UploadedFile;
	layer: string;
	/** The layer as it is now. */
	current: { count: number; version: number };
	/** Present when the dry run went through. */
	summary?: {
		format: string;
		crs: string;
		crsSource: string;
		read: number;
		/** Features the commit would write, and delete first (replace). */
		written: number;
		deleted: number;
		repaired: number;
		skipped: { feature: number; name?: string; reason: Localized }[];
		/** The layer's count after a commit. */
		countAfter: number;
		notes: Localized[];
	};
	/** Present when the dry run failed: what is wrong, and the invalid geometries to show on the map. */
	problem?: { message: Localized; details: Localized[]; invalid: InvalidGeometry[] };
}

/** One line of the commit's NDJSON stream. */
export type ImportEvent =
	| { progress: Localized }
	| { done: { written: number; deleted: number; version: number; previousVersion: number } }
	| { error: { message: Localized; details: Localized[] } };
