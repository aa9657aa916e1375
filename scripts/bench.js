// `npm run bench`: every benchmark in turn (tiles, map, check, load); each prints its own table.
// Benchmarks print figures; they never pass or fail on timings.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts;
const benches = Object.keys(scripts).filter((name) => name.startsWith('bench:'));
let failed = 0;
for (const name of benches) {
	console.log(`\n=== npm run ${name}`);
	const { status } = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
	if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
