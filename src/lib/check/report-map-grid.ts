/**
 * The report map's coordinate grid: meridians and parallels at a round interval (seconds to a
 * degree) with degree-minute(-second) labels at the frame's edges, so a reader can take a
 * position off the printed map. The map is a local equirectangular frame, so they are straight.
 */

export interface GridLine {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

export interface GridLabel {
	x: number;
	y: number;
	text: string;
	/** Meridian labels sit on the top edge, parallel labels on the left edge. */
	edge: 'top' | 'left';
}

export interface MapGrid {
	/** Interval in arc-seconds. */
	stepSeconds: number;
	lines: GridLine[];
	labels: GridLabel[];
}

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

/**
 * A grid label: 87°18′ on a whole minute, 87°18′30″ otherwise.
 *
 * @example
 * dmLabel(87.3083333, 30); // "87°18′30″"
 */
export function dmLabel(degrees: number, stepSeconds: number): string {
	const total = Math.round(Math.abs(degrees) * 3600);
	const d = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const sign = degrees < 0 ? '-' : '';
	if (stepSeconds % 60 === 0 && s === 0) return `${sign}${d}°${String(m).padStart(2, '0')}′`;
	return `${sign}${d}°${String(m).padStart(2, '0')}′${String(s).padStart(2, '0')}″`;
}

/**
 * Lines every `step` across the frame [west, south, east, north] drawn in `width` × `height`,
 * the step picked so that at most 5 lines cross the map's longer side.
 */
export function mapGrid(bbox: [number, number, number, number], width: number, height: number): MapGrid {
	const [w, s, e, n] = bbox;
	// Labels of up to 5 meridians fit across the map; the parallels share the step.
	const spanSeconds = Math.max(e - w, n - s) * 3600;
	const stepSeconds = STEPS.find((step) => spanSeconds / step <= 5) ?? STEPS[STEPS.length - 1];
	const step = stepSeconds / 3600;
	const x = (lon: number) => ((lon - w) / (e - w)) * width;
	const y = (lat: number) => ((n - lat) / (n - s)) * height;
	const lines: GridLine[] = [];
	const labels: GridLabel[] = [];
	for (let k = Math.ceil(w / step); k * step <= e; k++) {
		const lon = k * step;
		lines.push({ x1: x(lon), y1: 0, x2: x(lon), y2: height });
		labels.push({ x: x(lon), y: 0, text: dmLabel(lon, stepSeconds), edge: 'top' });
	}
	for (let k = Math.ceil(s / step); k * step <= n; k++) {
		const lat = k * step;
		lines.push({ x1: 0, y1: y(lat), x2: width, y2: y(lat) });
		labels.push({ x: 0, y: y(lat), text: dmLabel(lat, stepSeconds), edge: 'left' });
	}
	return { stepSeconds, lines, labels };
}
