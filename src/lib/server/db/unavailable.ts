/**
 * True when an error means the database cannot be reached or did not answer in time —
 * the request should get 503 + Retry-After, not 500: it will work again by itself.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	const code = (error as { code?: unknown }).code;
	if (typeof code === 'string') {
		// Class 08 connection exception, 57P01–57P03 shutdown / cannot connect now, 57014 statement timeout.
		if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '57014') return true;
		if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'].includes(code)) return true;
	}
	// pg's own words for a connection that broke, could not be made, or got no answer in time.
	return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED|Query read timeout/i.test(
		error.message
	);
}
