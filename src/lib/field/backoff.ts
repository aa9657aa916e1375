/** Delay before retry number `attempts` (1, 2, …): doubling from 2 s, capped at 5 min, with ±20 % jitter. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
	const base = Math.min(300_000, 2000 * 2 ** Math.max(0, attempts - 1));
	return Math.round(base * (0.8 + 0.4 * random()));
}
