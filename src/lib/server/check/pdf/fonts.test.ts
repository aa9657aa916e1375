import { describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import { fontBytes, fontRuns, PRIMARY_SUBSET } from './fonts';

describe('report fonts', () => {
	it('unpacks the packaged WOFF to a font fontkit reads, with the hanzi a report needs', () => {
		const font = fontkit.create(fontBytes(PRIMARY_SUBSET, 400)) as fontkit.Font;
		expect(font.type).toBe('TTF');
		for (const ch of '昌吉州木垒哈萨克自治县禁止亩公顷《》，。（）m²') expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
	});

	it('takes a rare hanzi from the subset that holds it', () => {
		const runs = fontRuns('昌吉韡水源地');
		expect(runs.map((r) => r.text)).toEqual(['昌吉', '韡', '水源地']);
		expect(runs[0].subset).toBe(PRIMARY_SUBSET);
		expect(runs[1].subset).toMatch(/^\d+$/);
		const fallback = fontkit.create(fontBytes(runs[1].subset, 400)) as fontkit.Font;
		expect(fallback.hasGlyphForCodePoint('韡'.codePointAt(0)!)).toBe(true);
	});
});
