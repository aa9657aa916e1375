import type { ServerInit } from '@sveltejs/kit';
import { database } from '$lib/server/database';

// Open, migrate and (embedded, first start) seed the database before serving requests.
// A server database that is down must not stop the app: /healthz reports it as 503.
export const init: ServerInit = async () => {
	await database().catch((error) => console.error('[ecomap] database not ready:', error.message));
};
