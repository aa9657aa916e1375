import { z } from 'zod';
import { FENCE_SIGN_STATES, NOTES_MAX_LENGTH, PHOTO_MIMES, PHOTO_ROLES, PHOTOS_PER_INSPECTION_MAX } from '../../api/field';

const isoTime = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');

const PhotoRefSchema = z.strictObject({
	sha256,
	role: z.enum(PHOTO_ROLES),
	capturedAt: isoTime,
	lon: z.number().min(-180).max(180).optional(),
	lat: z.number().min(-90).max(90).optional(),
	accuracyM: z.number().min(0).max(100_000).optional(),
	headingDeg: z.number().min(0).max(360).optional(),
	width: z.number().int().positive(),
	height: z.number().int().positive(),
	bytes: z.number().int().positive(),
	mime: z.enum(PHOTO_MIMES)
});

/** `PUT /api/field/inspections/{id}`: the body, checked field by field (unknown keys refused). */
export const InspectionInputSchema = z.strictObject({
	siteKey: z.string().max(100),
	baseVersion: z.number().int().positive().nullable(),
	inspectedAt: isoTime,
	statusChange: z.string().max(40).optional(),
	restoredHa: z.number().min(0).max(1_000_000).optional(),
	vegetationCoverPct: z.number().min(0).max(100).optional(),
	fire: z
		.strictObject({
			surfaceTempC: z.number().min(-60).max(1500).optional(),
			smokeOdour: z.boolean().optional(),
			subsidence: z.boolean().optional(),
			cracks: z.boolean().optional()
		})
		.optional(),
	fenceSign: z.enum(FENCE_SIGN_STATES).optional(),
	notes: z.string().max(NOTES_MAX_LENGTH).optional(),
	photos: z.array(PhotoRefSchema).max(PHOTOS_PER_INSPECTION_MAX)
});

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
