import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** True when this machine can run a throw-away PostgreSQL cluster. */
export function canRunCluster(): boolean {
	try {
		execFileSync(join(BIN, 'initdb'), ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/**
 * A PostgreSQL cluster of its own for one test — never the shared server — in a temporary
 * directory, on `port`, with a Unix socket in that directory. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` system user.
 */
export class TempCluster {
	readonly dir = mkdtempSync(join(tmpdir(), 'ecomap-faults-pg-'));
	readonly data = join(this.dir, 'data');
	readonly url: string;
	private readonly asRoot = process.getuid?.() === 0;

	/**
	 * A new cluster (initdb), or with `replicaOf` a streaming replica of that running cluster:
	 * `pg_basebackup -R` copies it and configures the standby, which follows it once started.
	 */
	constructor(
		readonly port: number,
		options: { replicaOf?: TempCluster } = {}
	) {
		this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
		if (this.asRoot) {
			const { uid, gid } = systemUser('postgres');
			chownSync(this.dir, uid, gid);
		}
		const primary = options.replicaOf;
		if (primary) this.run('pg_basebackup', ['-D', this.data, '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-R', '-X', 'stream', '--no-sync']);
		else this.run('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
		// Later lines win: a replica's copy of the primary's settings gets its own port and socket.
		const conf = join(this.data, 'postgresql.conf');
		writeFileSync(
			conf,
			`${readFileSync(conf, 'utf8')}\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${this.dir}'\nfsync = off\nmax_connections = 30\n`
		);
	}

	private run(tool: string, args: string[]): void {
		const command = join(BIN, tool);
		if (this.asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
		else execFileSync(command, args, { stdio: 'pipe' });
	}

	start(): void {
		this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'log'), '-w', '-t', '60', 'start']);
	}

	/** A clean, fast shutdown: open connections are terminated, new ones refused. */
	stop(): void {
		this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
	}

	/** The postmaster and every process it started (backends, checkpointer, …). */
	private pids(): number[] {
		const postmaster = Number(readFileSync(join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]);
		const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
			.split('\n')
			.map((s) => Number(s.trim()))
			.filter((pid) => pid > 0);
		return [postmaster, ...children];
	}

	/** The server stops answering but keeps its sockets open: a hung host, not a refused port. */
	freeze(): void {
		for (const pid of this.pids()) process.kill(pid, 'SIGSTOP');
	}

	thaw(): void {
		for (const pid of this.pids()) process.kill(pid, 'SIGCONT');
	}

	destroy(): void {
		try {
			this.thaw();
		} catch {
			// not running
		}
		try {
			this.stop();
		} catch {
			// already stopped
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}

function systemUser(name: string): { uid: number; gid: number } {
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${name}:`));
	if (!line) throw new Error(`no system user "${name}" to run PostgreSQL as`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}
