/** A quarter in China Standard Time (UTC+8, no daylight saving): its label and bounds. */
export interface Quarter {
	label: string;
	start: Date;
	end: Date;
}

const CST_MS = 8 * 3600_000;

/** The `count` quarters up to and including the one `now` falls in (China time), oldest first. */
export function recentQuarters(now: Date, count: number): Quarter[] {
	const local = new Date(now.getTime() + CST_MS);
	const year = local.getUTCFullYear();
	const q = Math.floor(local.getUTCMonth() / 3);
	const quarters: Quarter[] = [];
	for (let k = count - 1; k >= 0; k--) {
		const index = year * 4 + q - k;
		const y = Math.floor(index / 4);
		const m = (index % 4) * 3;
		const start = new Date(Date.UTC(y, m, 1) - CST_MS);
		const end = new Date(Date.UTC(y, m + 3, 1) - CST_MS);
		quarters.push({ label: `${y}Q${(index % 4) + 1}`, start, end });
	}
	return quarters;
}
