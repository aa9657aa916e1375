// Text files from Chinese survey software (报盘 .txt, 界址点 .csv) are as often GBK as UTF-8,
// and say nothing about it. Browsers and Node (full ICU) decode GB18030, a superset of GBK,
// natively: no iconv in the bundle.

export interface DecodedText {
	text: string;
	encoding: 'utf-8' | 'gb18030';
}

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030/GBK. Valid UTF-8
 * is almost never also meaningful GBK with Chinese in it, so the order is safe.
 *
 * @example decodeText(new Uint8Array([0xb5, 0xe3, 0xba, 0xc5])).text // "点号"
 */
export function decodeText(bytes: Uint8Array): DecodedText {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
	}
}
