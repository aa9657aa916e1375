// The role matrix: every route of the app × {anonymous, field, planner, admin} → the status
// ACCESS_RULES promises, through the built app. The routes come from walking src/routes, so
// a new route without a row in ROUTES fails here until it is added.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAtLeast, type Role } from '../../src/lib/api/roles';
import { accessFor } from '../../src/lib/server/auth/access';
import type { Db } from '../../src/lib/server/db/types';
import { freshAppDatabase, startBuiltApp, type BuiltApp } from '../built-app';
import { createTestUser } from '../users';
import { call } from './client';

interface Row {
	/** A concrete URL of the route. */
	path: string;
	/** The status when access is granted (the route's own answer to this request). */
	ok: number;
	/** For a signed-in user, when it differs (e.g. /login redirects them on). */
	okSignedIn?: number;
	json?: unknown;
	/** The request ends the caller's session(s): it gets its own user per role. */
	consumesSession?: boolean;
}

const NO_SUCH_INSPECTION = '00000000-0000-4000-8000-000000000000';
const NO_SUCH_PHOTO = '0'.repeat(64);

/** The one table: `METHOD /route/id` → request and granted status. Invalid bodies: nothing changes. */
const ROUTES: Record<string, Row> = {
	'GET /': { path: '/', ok: 200 },
	'GET /check': { path: '/check', ok: 200 },
	'GET /check/report': { path: '/check/report', ok: 200 },
	'GET /login': { path: '/login', ok: 200, okSignedIn: 303 },
	'GET /account': { path: '/account', ok: 200 },
	'GET /admin/users': { path: '/admin/users', ok: 200 },
	'GET /admin/audit': { path: '/admin/audit', ok: 200 },
	'GET /healthz': { path: '/healthz', ok: 200 },
	'GET /api/auth/me': { path: '/api/auth/me', ok: 200 },
	'POST /api/auth/login': { path: '/api/auth/login', ok: 400, json: {} },
	'POST /api/auth/logout': { path: '/api/auth/logout', ok: 204, consumesSession: true },
	'POST /api/account/password': { path: '/api/account/password', ok: 400, json: {} },
	'POST /api/account/logout-everywhere': { path: '/api/account/logout-everywhere', ok: 204, consumesSession: true },
	'GET /api/admin/users': { path: '/api/admin/users', ok: 200 },
	'POST /api/admin/users': { path: '/api/admin/users', ok: 400, json: {} },
	'PATCH /api/admin/users/[id]': { path: '/api/admin/users/1', ok: 400, json: {} },
	'GET /api/admin/audit': { path: '/api/admin/audit', ok: 200 },
	'GET /api/admin/audit.csv': { path: '/api/admin/audit.csv', ok: 200 },
	'POST /api/check': { path: '/api/check', ok: 400, json: {} },
	'POST /api/check/report.pdf': { path: '/api/check/report.pdf', ok: 400, json: {} },
	// Siting guidance is public like the check it is made of (and shares its rate limit).
	'POST /api/siting': { path: '/api/siting', ok: 400, json: {} },
	'POST /api/siting/nearest': { path: '/api/siting/nearest', ok: 400, json: {} },
	'GET /api/layers': { path: '/api/layers', ok: 200 },
	'GET /api/layers/[layer]/features/[id]': { path: '/api/layers/county/features/1', ok: 200 },
	'GET /api/layers/county/outline': { path: '/api/layers/county/outline', ok: 200 },
	'GET /api/search': { path: '/api/search?q=%E6%98%8C%E5%90%89', ok: 200 },
	'GET /api/summary': { path: '/api/summary', ok: 200 },
	'GET /download/[layer].fgb': { path: '/download/county.fgb', ok: 200 },
	'GET /download/[layer].geojson': { path: '/download/county.geojson', ok: 200 },
	'GET /ogc/[...path]': { path: '/ogc', ok: 200 },
	'GET /tiles/[layer].json': { path: '/tiles/county.json', ok: 200 },
	'GET /style.json': { path: '/style.json', ok: 200 },
	'GET /tiles/[layer]/[z]/[x]/[y].mvt': { path: '/tiles/county/5/23/11.mvt', ok: 200 },
	// Saved checks: the fresh database holds none, so a granted request for one is a 404.
	'GET /checks': { path: '/checks', ok: 200 },
	'GET /check/[id]': { path: '/check/999999', ok: 404 },
	'GET /check/[id]/report': { path: '/check/999999/report', ok: 404 },
	'GET /share/[token]': { path: '/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', ok: 404 },
	'GET /share/[token]/report': { path: '/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/report', ok: 404 },
	'GET /api/share/[token]/report.pdf': { path: '/api/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/report.pdf', ok: 404 },
	'POST /api/checks': { path: '/api/checks', ok: 400, json: {} },
	'GET /api/checks': { path: '/api/checks', ok: 200 },
	'GET /api/checks/[id]': { path: '/api/checks/999999', ok: 404 },
	'POST /api/checks/[id]/rerun': { path: '/api/checks/999999/rerun', ok: 404, json: {} },
	'GET /api/checks/[id]/report.pdf': { path: '/api/checks/999999/report.pdf', ok: 404 },
	'GET /api/checks/[id]/shares': { path: '/api/checks/999999/shares', ok: 404 },
	'POST /api/checks/[id]/shares': { path: '/api/checks/999999/shares', ok: 404, json: {} },
	'DELETE /api/checks/[id]/shares/[share]': { path: '/api/checks/999999/shares/1', ok: 404 },
	'GET /admin/data': { path: '/admin/data', ok: 200 },
	'POST /api/admin/data/preview': { path: '/api/admin/data/preview', ok: 400, json: {} },
	'POST /api/admin/data/import': { path: '/api/admin/data/import', ok: 400, json: {} },
	'GET /progress': { path: '/progress', ok: 200 },
	'GET /field': { path: '/field', ok: 200 },
	'GET /api/progress': { path: '/api/progress', ok: 200 },
	'GET /api/progress.csv': { path: '/api/progress.csv', ok: 200 },
	'GET /api/field/sites': { path: '/api/field/sites?lon=87.98&lat=44.16', ok: 200 },
	'GET /api/field/area-estimate': { path: '/api/field/area-estimate?bbox=87.9,44.1,88.0,44.2&minZoom=8&maxZoom=10', ok: 200 },
	'GET /api/field/sites/[layer]/[id]': { path: '/api/field/sites/coal-fire/1', ok: 200 },
	'GET /api/field/inspections/[id]': { path: `/api/field/inspections/${NO_SUCH_INSPECTION}`, ok: 404 },
	'PUT /api/field/inspections/[id]': { path: `/api/field/inspections/${NO_SUCH_INSPECTION}`, ok: 400, json: {} },
	'DELETE /api/field/inspections/[id]': { path: `/api/field/inspections/${NO_SUCH_INSPECTION}?baseVersion=1`, ok: 404 },
	'GET /api/field/photos/[sha256]': { path: `/api/field/photos/${NO_SUCH_PHOTO}`, ok: 404 },
	'PUT /api/field/photos/[sha256]': { path: `/api/field/photos/${NO_SUCH_PHOTO}`, ok: 415 }
};

const ROUTES_DIR = join(import.meta.dirname, '../../src/routes');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `METHOD /route/id` for every page (GET) and every method an endpoint exports. */
function discoverRoutes(dir = ROUTES_DIR): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			found.push(...discoverRoutes(path));
			continue;
		}
		// Route ids drop (groups), as SvelteKit does.
		const id = `/${relative(ROUTES_DIR, dir).split(sep).filter((s) => s && !/^\(.*\)$/.test(s)).join('/')}`;
		if (entry.name === '+page.svelte') found.push(`GET ${id}`);
		if (entry.name === '+server.ts') {
			const source = readFileSync(path, 'utf8');
			for (const method of METHODS)
				if (new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source)) found.push(`${method} ${id}`);
		}
	}
	return found.sort();
}

/** Pages redirect the anonymous to /login; machine routes answer with the JSON envelope. */
const isPage = (key: string) => !/^\/(api|tiles|ogc|download|healthz)(\/|$|\.)/.test(key.split(' ')[1]);

/** What the route must answer `role` (undefined: anonymous), from ACCESS_RULES alone. */
function expectedStatus(key: string, row: Row, role: Role | undefined): number {
	const [method, routeId] = key.split(' ');
	const access = accessFor(routeId, method);
	const granted = row.okSignedIn !== undefined && role ? row.okSignedIn : row.ok;
	if (access === 'public') return granted;
	if (!role) return isPage(key) ? 303 : 401;
	if (access === 'signed-in' || roleAtLeast(role, access)) return granted;
	return 403;
}

it('the role matrix has exactly one row per route in src/routes', () => {
	expect(Object.keys(ROUTES).sort()).toEqual(discoverRoutes());
});

describe('the role matrix through the built app', () => {
	let app: BuiltApp;
	let cleanup: () => Promise<void>;
	let cookies: Record<string, Record<string, string>>;

	beforeAll(async () => {
		const database = await freshAppDatabase(async (db: Db) => {
			const byRole: Record<string, Record<string, string>> = {};
			for (const role of ROLES) {
				byRole[role] = { main: (await createTestUser(db, role)).cookie };
				for (const key of Object.keys(ROUTES).filter((k) => ROUTES[k].consumesSession)) byRole[role][key] = (await createTestUser(db, role)).cookie;
			}
			return byRole;
		});
		cleanup = database.cleanup;
		cookies = database.prepared;
		app = await startBuiltApp(database.env);
	}, 300_000);

	afterAll(async () => {
		await app?.stop();
		await cleanup?.();
	});

	const roles: (Role | undefined)[] = [undefined, ...ROLES];
	for (const key of Object.keys(ROUTES))
		for (const role of roles)
			it(`${key} as ${role ?? 'anonymous'}`, async () => {
				const row = ROUTES[key];
				const cookie = role ? (row.consumesSession ? cookies[role][key] : cookies[role].main) : undefined;
				const response = await call(app, row.path, { method: key.split(' ')[0], cookie, json: row.json });
				const text = await response.text();
				const expected = expectedStatus(key, row, role);
				expect(response.status, `${key} as ${role ?? 'anonymous'}: ${text.slice(0, 300)}`).toBe(expected);
				if (expected === 303 && !role) expect(response.headers.get('location')).toMatch(/^\/login\?next=/);
				if ((expected === 401 || expected === 403) && !isPage(key))
					expect(JSON.parse(text).error.code).toBe(expected === 401 ? 'unauthenticated' : 'forbidden');
			});
});
