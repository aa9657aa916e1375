import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowserServerImports } from './browser-imports';

const ROOT = join(import.meta.dirname, '..');

describe('browser modules never reach $lib/server or the database', () => {
	it('holds for src/lib and src/routes', () => {
		expect(findBrowserServerImports(ROOT)).toEqual([]);
	});

	const fixture = mkdtempSync(join(tmpdir(), 'ecomap-imports-'));
	afterAll(() => rmSync(fixture, { recursive: true, force: true }));
	const write = (path: string, text: string) => {
		mkdirSync(dirname(join(fixture, path)), { recursive: true });
		writeFileSync(join(fixture, path), text);
	};

	it('fails on a fixture whose page reaches server code through a shared module', () => {
		write('src/lib/server/db.ts', "import pg from 'pg';\nexport const pool = new pg.Pool();\n");
		write('src/lib/format.ts', "import type { pool } from './server/db';\nexport type Pool = typeof pool;\n");
		write('src/lib/map/Panel.svelte', "<script lang=\"ts\">\n\timport type { Pool } from '$lib/format';\n</script>\n");
		write('src/lib/api/fine.ts', "export const ok = 1;\n");
		write('src/routes/+page.svelte', "<script>\n\timport { ok } from '$lib/api/fine';\n</script>\n");
		write('src/routes/+page.server.ts', "import { pool } from '$lib/server/db';\nexport const load = () => ({ pool: !!pool });\n");
		write('src/routes/+page.ts', "import pg from 'pg';\nexport const load = () => ({ pg: !!pg });\n");

		const violations = findBrowserServerImports(fixture);
		expect(violations).toEqual(
			expect.arrayContaining([
				{ from: 'src/lib/format.ts', chain: ['src/lib/server/db.ts'] },
				{ from: 'src/lib/map/Panel.svelte', chain: ['src/lib/format.ts', 'src/lib/server/db.ts'] },
				{ from: 'src/routes/+page.ts', chain: ['pg'] }
			])
		);
		// Server-only files may import the server; clean browser modules are not reported.
		expect(violations.map((v) => v.from)).not.toContain('src/routes/+page.server.ts');
		expect(violations.map((v) => v.from)).not.toContain('src/routes/+page.svelte');
		expect(violations).toHaveLength(3);
	});
});
