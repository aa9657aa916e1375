import type { ServerInit } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { DatabaseInUse } from '$lib/server/db/data-dir-lock';

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
	// adapter-node emits this after it stops accepting requests: close the database so the
	// process can exit (an open PGlite or pg pool would keep it alive) and PGlite flushes.
	process.once('sveltekit:shutdown' as 'exit', () => {
		void database().then((db) => db.close()).catch(() => {});
	});
};
