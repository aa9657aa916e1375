// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/api/i18n';
import type { SessionUser } from '$lib/server/auth/session';
import type { ApiError } from '$lib/server/http/errors';
import type { Db } from '$lib/server/db/types';

declare global {
	namespace App {
		interface Locals {
			/** The app's database. Reading it when the database is down throws a 503 ApiError. */
			readonly db: Db;
			/**
			 * Where read routes read (tiles, OGC API, downloads, search, the live check): the
			 * replica of DATABASE_READ_URL, else the same database as `db`. Writes and version
			 * reads that must be fresh use `db`; a versioned URL picks with `versionedReadDb`.
			 */
			readonly readDb: Db;
			/** The signed-in user, or null for the anonymous public. */
			user: SessionUser | null;
			/** The language of server-made text: ?lang=, the language cookie, Accept-Language, zh. */
			lang: Lang;
			/** Set by handleError: what the boundary answers instead of a bare 500. */
			failure?: ApiError;
		}
		interface Error {
			code: string;
			message: string;
		}
	}
}

export {};
