/**
 * The QR code of a saved check's permalink, as a matrix of dark modules that the HTML report
 * draws as SVG and the PDF as vector squares (no image, no canvas). Pure and browser-safe.
 */
import qrcode from 'qrcode-generator';

/**
 * Rows of modules, true = dark; error correction M (≈ 15 % of the code may be smudged on paper).
 *
 * @example
 * const m = qrMatrix('https://ecomap.example/check/42'); // m.length === m[0].length (21, 25 …)
 */
export function qrMatrix(text: string): boolean[][] {
	const qr = qrcode(0, 'M');
	qr.addData(text);
	qr.make();
	const n = qr.getModuleCount();
	return Array.from({ length: n }, (_, row) => Array.from({ length: n }, (_, col) => qr.isDark(row, col)));
}

/** The dark modules as one SVG path in module units (with a quiet zone of `margin` modules). */
export function qrPath(matrix: boolean[][], margin = 2): string {
	const parts: string[] = [];
	matrix.forEach((row, r) => row.forEach((dark, c) => dark && parts.push(`M${c + margin} ${r + margin}h1v1h-1z`)));
	return parts.join('');
}
