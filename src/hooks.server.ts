import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { readConfig } from '$lib/server/config';
import { closeReadDatabase, database } from '$lib/server/database';
import { accessLog } from '$lib/server/http/access-log';
import { requestActivity } from '$lib/server/http/activity';
import { compress } from '$lib/server/http/compress';
import { cors } from '$lib/server/http/cors';
import { boundary, handleServerError } from '$lib/server/http/boundary';
import { securityHeaders } from '$lib/server/http/security-headers';
import { DatabaseInUse } from '$lib/server/db/data-dir-lock';
import { sharedTileService } from '$lib/server/tiles/handler';
import { startTileWarmer } from '$lib/server/tiles/warmer';

// Open, migrate and (embedded, first start) seed the database before serving requests.
// A server database that is down must not stop the app: /healthz reports it as 503.
export const init: ServerInit = async () => {
	await database().catch((error) => {
		// Another process owns the embedded folder: serving beside it would lose writes.
		if (error instanceof DatabaseInUse) {
			console.error(`[ecomap] ${error.text.zh}\n[ecomap] ${error.text.en}`);
			process.exit(1);
		}
		console.error('[ecomap] database not ready:', error.message);
	});
	// Renders the opening view's tiles of layers whose version has none yet, then after each change.
	const warmer = startTileWarmer(readConfig(), database, sharedTileService(), (quietMs) => requestActivity.idle(quietMs));
	// adapter-node emits this after it stops accepting requests: close the database so the
	// process can exit (an open PGlite or pg pool would keep it alive) and PGlite flushes.
	process.once('sveltekit:shutdown' as 'exit', () => {
		// The warmer finishes the tile it is on first (it only reads).
		void Promise.resolve(warmer?.stop())
			.then(() => database())
			.then((db) => db.close())
			.catch(() => {});
		void closeReadDatabase().catch(() => {});
	});
};

const config = readConfig();

// Each handle is one concern in its own file: activity counts requests in flight (the tile
// warmer gives way to them); the access line times everything below it;
// security headers go on every response, the boundary's refusals included; CORS answers
// preflights of the public resources; compression works on the final body; the boundary
// builds `locals` and authorises.
export const handle = sequence(requestActivity.handle(), accessLog(config), securityHeaders(config), cors, compress, boundary);

export const handleError = handleServerError;
