import { hostname, networkInterfaces } from 'node:os';
import { readConfig } from '../config';
import { ApiError } from '../http/errors';

/**
 * The host names a Host header may carry when TRUSTED_HOSTS is unset: loopback, this
 * machine's name and its own addresses (so a LAN client reaching the server by its
 * address gets working links), never a name a client made up.
 */
function machineHosts(): string[] {
	const addresses = Object.values(networkInterfaces())
		.flat()
		.map((nic) => nic?.address.toLowerCase())
		.filter((a): a is string => !!a);
	return ['localhost', '127.0.0.1', '::1', hostname().toLowerCase(), ...addresses];
}

let defaultHosts: Set<string> | undefined;

function trustedHosts(): Set<string> | 'any' {
	const configured = readConfig().trustedHosts;
	if (configured?.includes('*')) return 'any';
	if (configured) return new Set(configured);
	defaultHosts ??= new Set(machineHosts());
	return defaultHosts;
}

/** `[::1]:3000` → `::1`; `Example.org:80` → `example.org`. */
function hostOnly(host: string): string {
	const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
	return name.toLowerCase();
}

export type PublicOrigin = { ok: true; origin: string } | { ok: false; error: ApiError };

/**
 * The origin every link handed to clients is built from (TileJSON tiles, OGC links and
 * paging, style.json sources), so they all agree:
 * - ORIGIN when set;
 * - else the request's host, if it is a trusted one (TRUSTED_HOSTS, or this machine's
 *   names and addresses), with `http:` — adapter-node serves plain http and only guesses
 *   `https:` for request.url — unless PROTOCOL_HEADER tells the scheme a proxy saw.
 * Any other Host gets 421 Misdirected Request: a forged Host must never reach a link that a
 * shared cache could keep, and an error that names TRUSTED_HOSTS beats links to a host
 * the client cannot reach.
 */
export function publicOrigin(request: Request): PublicOrigin {
	const config = readConfig();
	if (config.origin) return { ok: true, origin: config.origin };
	const url = new URL(request.url);
	const trusted = trustedHosts();
	if (trusted !== 'any' && !trusted.has(hostOnly(url.host)))
		return {
			ok: false,
			error: new ApiError(421, 'untrusted-host', {
				zh: `主机名 “${url.host}” 不在受信任列表中：请设置 ORIGIN 或 TRUSTED_HOSTS。`,
				en: `The host "${url.host}" is not trusted for building links: set ORIGIN or TRUSTED_HOSTS.`
			})
		};
	const scheme = config.protocolFromProxy ? url.protocol : 'http:';
	return { ok: true, origin: `${scheme}//${url.host}` };
}
