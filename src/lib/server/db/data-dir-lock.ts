// One process owns an embedded database folder. PGlite is a single-user Postgres: a second
// process opening the same folder would run beside the first, each with its own view, and
// whichever writes last silently loses the other's writes. So every opener (the app and
// every command-line script) takes an exclusive lock file in the folder for as long as it
// runs, and a second opener refuses, saying who holds it.
//
// The lock is a pid file, written aside and then hard-linked into place (atomic, fails when
// the file exists, and never leaves a half-written lock). A process killed with kill -9 cannot remove
// it, so a lock whose process is gone (or whose pid now belongs to a process started after
// the lock was taken) is stale and is taken over.
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { L, LocalizedError } from '../../geo/localized-error';

export const LOCK_FILE = 'ecomap.lock';

interface LockOwner {
	pid: number;
	host: string;
	/** The command line, to tell a person what to stop. */
	command: string;
	/** ms since the epoch. */
	since: number;
	/** Linux: the process start time in clock ticks since boot, to tell a reused pid apart. */
	startTicks?: number;
}

/** Thrown when another live process holds the folder. */
export class DatabaseInUse extends LocalizedError {
	constructor(
		readonly dataDir: string,
		readonly owner: LockOwner
	) {
		const since = new Date(owner.since).toISOString().replace('T', ' ').slice(0, 19);
		super(
			L(
				`嵌入式数据库 ${dataDir} 正在被另一个进程使用（pid ${owner.pid}：${owner.command}，自 ${since} UTC 起）。` +
					`同一时间只能有一个进程打开它：请先停止该进程（在其终端按 Ctrl-C，或 kill ${owner.pid}），再运行本命令；` +
					'应用运行时无法从命令行导入或播种。需要边运行边导入时，请改用 PostGIS 服务器（DATABASE_URL）。',
				`The embedded database in ${dataDir} is in use by another process (pid ${owner.pid}: ${owner.command}, since ${since} UTC). ` +
					`Only one process may open it at a time: stop that process first (Ctrl-C in its terminal, or kill ${owner.pid}), then run this again; ` +
					'while the app runs, it cannot be imported into or seeded from the command line. To import while serving, use a PostGIS server (DATABASE_URL).'
			)
		);
		this.name = 'DatabaseInUse';
	}
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command name), or undefined off Linux. */
function startTicks(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
	} catch {
		return undefined;
	}
}

function alive(owner: LockOwner): boolean {
	// A lock written on another machine (a shared folder) cannot be checked from here.
	if (owner.host !== hostname()) return true;
	try {
		process.kill(owner.pid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
	}
	// The pid is taken: by the owner, or by a later process that was given the same pid.
	const ticks = startTicks(owner.pid);
	return owner.startTicks === undefined || ticks === undefined || ticks === owner.startTicks;
}

function readOwner(path: string): LockOwner | undefined {
	try {
		const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
		return Number.isInteger(owner.pid) ? owner : undefined;
	} catch {
		return undefined; // removed meanwhile, or not ours to read
	}
}

function describeCommand(): string {
	const npm = process.env.npm_lifecycle_event;
	if (npm && npm !== 'npx') return npm === 'start' ? 'npm start' : `npm run ${npm}`;
	const script = process.argv[1] ? relative(process.cwd(), process.argv[1]) || process.argv[1] : '';
	return [process.argv0.replace(/^.*[\\/]/, ''), script, ...process.argv.slice(2)].filter(Boolean).join(' ').slice(0, 200);
}

export interface DataDirLock {
	/** Removes the lock file; safe to call more than once. */
	release(): void;
}

/**
 * Takes the folder's lock or throws DatabaseInUse. Held until `release()` or the end of the
 * process (the file is removed on exit; after a kill -9 the next opener finds it stale).
 */
export function lockDataDir(dataDir: string): DataDirLock {
	mkdirSync(dataDir, { recursive: true });
	const path = join(dataDir, LOCK_FILE);
	const me: LockOwner = { pid: process.pid, host: hostname(), command: describeCommand(), since: Date.now(), startTicks: startTicks(process.pid) };
	const pending = `${path}.${process.pid}.tmp`;
	writeFileSync(pending, JSON.stringify(me));
	try {
		for (let attempt = 0; ; attempt++) {
			try {
				linkSync(pending, path);
				break;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
			const owner = readOwner(path);
			if ((owner && alive(owner)) || attempt === 2)
				throw new DatabaseInUse(resolve(dataDir), owner ?? { pid: 0, host: '', command: '?', since: Date.now() });
			// Stale: move it aside under a name of our own and look again at what was moved: when
			// two openers clear the same stale lock, the slower one may have moved the faster
			// one's fresh lock, which it puts back.
			const aside = `${path}.stale-${process.pid}`;
			try {
				renameSync(path, aside);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
				throw error;
			}
			const moved = readOwner(aside);
			if (moved && alive(moved)) {
				try {
					linkSync(aside, path);
				} catch {
					// a third opener holds the folder by now: it refuses us all the same
				}
				unlinkSync(aside);
				throw new DatabaseInUse(resolve(dataDir), moved);
			}
			unlinkSync(aside);
		}
	} finally {
		unlinkSync(pending);
	}
	let held = true;
	const release = () => {
		if (!held) return;
		held = false;
		process.off('exit', release);
		// Only our own lock: never remove one another process has taken since.
		if (readOwner(path)?.pid === process.pid) unlinkSync(path);
	};
	process.on('exit', release);
	return { release };
}
