/**
 * A token bucket per client address: `perMinute` tokens refill evenly over a minute and a
 * client may spend them all at once (a planner trying a few variants in a row), then one every
 * 60/perMinute s. In memory, per process — enough for one adapter-node server; behind several
 * processes each one limits separately.
 */
export class TokenBuckets {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();
	private readonly ratePerMs: number;

	constructor(
		readonly perMinute: number,
		/** Buckets idle this long are full again and can be forgotten. */
		private readonly maxEntries = 10_000
	) {
		this.ratePerMs = perMinute / 60_000;
	}

	/** Takes one token for `key`: ok, or how many seconds until the next token. */
	take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterS: number } {
		if (this.perMinute <= 0) return { ok: true };
		const bucket = this.buckets.get(key);
		const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.ratePerMs) : this.perMinute;
		if (tokens < 1) {
			this.buckets.set(key, { tokens, at: now });
			return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / this.ratePerMs / 1000)) };
		}
		this.buckets.set(key, { tokens: tokens - 1, at: now });
		if (this.buckets.size > this.maxEntries) this.forgetFull(now);
		return { ok: true };
	}

	/** Drops buckets that have refilled completely: they hold no information. */
	private forgetFull(now: number): void {
		for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * this.ratePerMs >= this.perMinute) this.buckets.delete(key);
	}
}
