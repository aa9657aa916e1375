// HTTP byte ranges: parsed the same way by the server's downloads and by the field app's
// service worker, which answers the check's FlatGeobuf range reads from a stored file offline.
/** What a Range header asks of a representation of `size` bytes (RFC 9110 §14). */
export type RangeRequest =
	| { kind: 'whole' }
	| { kind: 'part'; start: number; end: number }
	| { kind: 'unsatisfiable' };

/**
 * Parses `Range: bytes=…`. One range is served as 206; a header we do not understand,
 * or several ranges, gets the whole file (200), which RFC 9110 allows. A range that
 * starts past the end is unsatisfiable (416).
 */
export function parseRange(header: string | null, size: number): RangeRequest {
	if (!header) return { kind: 'whole' };
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
	const [first, last] = [match[1], match[2]];
	if (first === '') {
		// Suffix range: the last N bytes.
		const length = Number(last);
		if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'part', start: Math.max(0, size - length), end: size - 1 };
	}
	const start = Number(first);
	const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
	if (last !== '' && Number(last) < start) return { kind: 'whole' }; // invalid: ignore the header
	if (start >= size) return { kind: 'unsatisfiable' };
	return { kind: 'part', start, end };
}
