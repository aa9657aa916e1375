import type { Handle } from '@sveltejs/kit';

/**
 * Whether the process is serving requests, for background work that must give way to them
 * (the tile warmer on the embedded database, which runs one statement at a time: a request
 * queued behind a background render waits for all of it). Two counters and a clock read
 * per request; no database work.
 */
export class RequestActivity {
	private active = 0;
	private lastEnded = 0;

	constructor(private readonly now: () => number = () => performance.now()) {}

	begin(): void {
		this.active++;
	}

	end(): void {
		this.active--;
		this.lastEnded = this.now();
	}

	/** No request in flight, and none ended within the last `quietMs`. */
	idle(quietMs: number): boolean {
		return this.active === 0 && this.now() - this.lastEnded >= quietMs;
	}

	/** A handle that counts every request while it is answered. */
	handle(): Handle {
		return async ({ event, resolve }) => {
			this.begin();
			try {
				return await resolve(event);
			} finally {
				this.end();
			}
		};
	}
}

/** The process's request activity, counted by the hook and read by background work. */
export const requestActivity = new RequestActivity();
