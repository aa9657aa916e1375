import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { database } from '$lib/server/database';
import { compress } from '$lib/server/http/compress';
import { cors } from '$lib/server/http/cors';

// CORS for the public resources (answers their preflights), then compression by Accept-Encoding.
export const handle = sequence(cors, compress);

// Open, migrate and (embedded, first start) seed the database before serving requests.
// A server database that is down must not stop the app: /healthz reports it as 503.
export const init: ServerInit = async () => {
	await database().catch((error) => console.error('[ecomap] database not ready:', error.message));
	// adapter-node emits this after it stops accepting requests: close the database so the
	// process can exit (an open PGlite or pg pool would keep it alive) and PGlite flushes.
	process.once('sveltekit:shutdown' as 'exit', () => {
		void database().then((db) => db.close()).catch(() => {});
	});
};
