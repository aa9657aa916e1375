// npm run user -- add <username> --role <field|planner|admin> [--name <display name>]
//                 disable <username> | enable <username> | password <username> | list
// Passwords are read from stdin (typed twice, hidden, on a terminal; the first line of a pipe),
// never from the command line, where they would land in the shell history and `ps`.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../src/lib/api/roles';
import { cliActor } from '../src/lib/server/audit/actor';
import { migrate } from '../src/lib/server/db/migrate';
import type { Db } from '../src/lib/server/db/types';
import { ApiError } from '../src/lib/server/http/errors';
import { createUser, findUser, listUsers, updateUser } from '../src/lib/server/users/users';
import { fail, withDatabase } from './cli';

const USAGE = `Usage:
  npm run user -- add <username> --role <${ROLES.join('|')}> [--name <display name>]   (password from stdin)
  npm run user -- disable <username>
  npm run user -- enable <username>
  npm run user -- password <username>                                       (new password from stdin)
  npm run user -- list`;

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
});
const [command, username] = positionals;
if (values.help || !command) {
	console.log(USAGE);
	process.exit(command || values.help ? 0 : 1);
}
if (command !== 'list' && !username) fail(`"${command}" needs a username.\n${USAGE}`);
if (command === 'add' && !isRole(values.role)) fail(`add needs --role <${ROLES.join('|')}>.`);

/** Reads one line from a pipe, or asks twice without echo on a terminal. */
async function readPassword(): Promise<string> {
	if (!process.stdin.isTTY) {
		const rl = createInterface({ input: process.stdin });
		for await (const line of rl) return line.replace(/\r$/, '');
		throw new Error('No password on stdin (pipe it in, e.g. `printf %s "$PW" | npm run user -- …`).');
	}
	const ask = (prompt: string) =>
		new Promise<string>((resolve) => {
			process.stdout.write(prompt);
			process.stdin.setRawMode(true);
			let typed = '';
			const onData = (chunk: Buffer) => {
				for (const char of chunk.toString('utf8')) {
					if (char === '\r' || char === '\n') {
						process.stdin.setRawMode(false);
						process.stdin.off('data', onData);
						process.stdin.pause();
						process.stdout.write('\n');
						resolve(typed);
						return;
					}
					if (char === '\u0003') process.exit(130); // Ctrl+C
					typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
				}
			};
			process.stdin.on('data', onData).resume();
		});
	const first = await ask('Password: ');
	if ((await ask('Again: ')) !== first) throw new Error('The two passwords differ; nothing changed.');
	return first;
}

async function existing(db: Db, name: string) {
	const user = await findUser(db, name);
	if (!user) throw new Error(`No user "${name}" (npm run user -- list).`);
	return user;
}

const actor = cliActor(`npm run user -- ${command}`);
// Read the password before opening the database: the embedded one takes seconds to start.
const password = command === 'add' || command === 'password' ? await readPassword().catch(fail) : undefined;

await withDatabase(async (db) => {
	await migrate(db); // a fresh install: the first admin is made before the first start
	switch (command) {
		case 'add': {
			const user = await createUser(db, actor, { username, role: values.role, displayName: values.name, password });
			console.log(`[ecomap] Created ${user.role} "${user.username}".`);
			break;
		}
		case 'disable':
		case 'enable': {
			const user = await existing(db, username);
			const changed = await updateUser(db, actor, user.id, { version: user.version, disabled: command === 'disable' });
			console.log(`[ecomap] ${changed.disabled ? 'Disabled (signed out everywhere)' : 'Enabled'}: "${changed.username}".`);
			break;
		}
		case 'password': {
			const user = await existing(db, username);
			await updateUser(db, actor, user.id, { version: user.version, password });
			console.log(`[ecomap] New password set for "${user.username}"; their sessions have ended.`);
			break;
		}
		case 'list': {
			const users = await listUsers(db);
			if (users.length === 0) console.log('[ecomap] No users yet. Create the first admin: npm run user -- add admin --role admin');
			for (const u of users)
				console.log(`${u.username.padEnd(24)} ${u.role.padEnd(8)} ${u.disabled ? 'disabled' : 'enabled '} ${u.displayName}`);
			break;
		}
		default:
			throw new Error(`Unknown command "${command}".\n${USAGE}`);
	}
}).catch((error: unknown) => fail(error instanceof ApiError ? new Error(error.messages.en) : error));
