import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff';

/**
 * Noto Sans SC for the PDF, from the @fontsource/noto-sans-sc package (SIL Open Font License
 * 1.1; the licence travels in the package). A bureau's server may have no CJK font at all, so
 * the report never relies on system fonts.
 *
 * The package ships the font cut into subsets. The `chinese-simplified` subset (≈ 8 000
 * characters: ASCII, GB 2312 hanzi and punctuation; 1.5 MB as WOFF) sets almost every report;
 * a character outside it (a rare hanzi in a place name) is taken from the numbered subset whose
 * unicode-range holds it. pdfkit embeds only the glyphs used, so a report stays ~100 kB.
 * The WOFF files are unpacked to plain OpenType once per process (see woff.ts).
 */
const require = createRequire(import.meta.url);
const PACKAGE = '@fontsource/noto-sans-sc';
const PRIMARY = 'chinese-simplified';

export type Weight = 400 | 700;

/** Font name as registered with pdfkit: one per subset and weight. */
export const fontName = (subset: string, weight: Weight) => `noto-sans-sc-${subset}-${weight}`;

const files = new Map<string, Buffer>();
/** The font bytes of a subset (unpacked from the package's WOFF), read once per process. */
export function fontBytes(subset: string, weight: Weight): Buffer {
	const key = fontName(subset, weight);
	let bytes = files.get(key);
	if (!bytes) {
		bytes = woffToSfnt(readFileSync(require.resolve(`${PACKAGE}/files/noto-sans-sc-${subset}-${weight}-normal.woff`)));
		files.set(key, bytes);
	}
	return bytes;
}

let primaryFont: fontkit.Font | undefined;
let ranges: { from: number; to: number; subset: string }[] | undefined;

function primary(): fontkit.Font {
	primaryFont ??= fontkit.create(fontBytes(PRIMARY, 400)) as fontkit.Font;
	return primaryFont;
}

/** The numbered subsets' unicode-ranges, from the package's unicode.json. */
function subsetRanges(): { from: number; to: number; subset: string }[] {
	if (!ranges) {
		const table = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/unicode.json`), 'utf8')) as Record<string, string>;
		ranges = [];
		for (const [key, list] of Object.entries(table)) {
			const subset = key.replace(/^\[(\d+)\]$/, '$1');
			for (const part of list.split(',')) {
				const m = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
				if (m) ranges.push({ from: parseInt(m[1], 16), to: parseInt(m[2] ?? m[1], 16), subset });
			}
		}
	}
	return ranges;
}

/** Which subset draws a code point: the primary when it can, else the numbered one that holds it. */
function subsetFor(codePoint: number): string {
	if (codePoint < 0x80 || primary().hasGlyphForCodePoint(codePoint)) return PRIMARY;
	return subsetRanges().find((r) => codePoint >= r.from && codePoint <= r.to)?.subset ?? PRIMARY;
}

/**
 * Text cut into runs that one subset can draw each (all subsets share the font's metrics, so
 * the runs sit on one baseline).
 *
 * @example
 * fontRuns('昌吉韡水源地'); // [{ subset: 'chinese-simplified', text: '昌吉' }, { subset: '26', text: '韡' }, …]
 */
export function fontRuns(text: string): { subset: string; text: string }[] {
	const runs: { subset: string; text: string }[] = [];
	for (const ch of text) {
		const subset = subsetFor(ch.codePointAt(0) ?? 0);
		const last = runs[runs.length - 1];
		if (last && last.subset === subset) last.text += ch;
		else runs.push({ subset, text: ch });
	}
	return runs;
}

export const PRIMARY_SUBSET = PRIMARY;
