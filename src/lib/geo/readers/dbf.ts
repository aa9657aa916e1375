// dBase (.dbf) attribute tables of shapefiles, with the text encoding decided carefully:
// Chinese shapefiles are often GBK (code page 936) and say so only in a .cpg, in the
// header's language-driver byte, or not at all.
import { LocalizedError, L } from '../localized-error';

interface Field {
	name: string;
	type: string;
	offset: number;
	length: number;
}

export interface DbfTable {
	/** One entry per record, deleted records included (as null) so indexes match the .shp. */
	records: (Record<string, unknown> | null)[];
	/** The encoding the text was decoded with. */
	encoding: string;
	/** How the encoding was chosen. */
	encodingSource: 'option' | 'cpg' | 'language driver' | 'detected';
}

const CODE_PAGES: Record<string, string> = {
	'936': 'gbk',
	'54936': 'gb18030',
	'65001': 'utf-8',
	'950': 'big5',
	'1252': 'windows-1252',
	'28591': 'iso-8859-1'
};

/** A TextDecoder label for a .cpg text ("UTF-8", "936", "ANSI 936", "GBK", "CP936"), or undefined. */
export function encodingFromCpg(cpg: string): string | undefined {
	const text = cpg.trim().replace(/^(ANSI|CP|Windows-)\s*/i, '');
	const label = CODE_PAGES[text] ?? text.toLowerCase();
	try {
		return new TextDecoder(label).encoding;
	} catch {
		return undefined;
	}
}

/** Language driver ids (byte 29) that name a Chinese code page. */
const CHINESE_LANGUAGE_DRIVERS = new Set([0x4d, 0x7a]);

function isUtf8(chunks: Uint8Array[]): boolean {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	try {
		for (const chunk of chunks) decoder.decode(chunk);
		return true;
	} catch {
		return false;
	}
}

const trimmedText = (bytes: Uint8Array, decoder: TextDecoder) => decoder.decode(bytes).replace(/\0/g, '').trim();

function parseValue(type: string, raw: Uint8Array, decoder: TextDecoder): unknown {
	const ascii = () => String.fromCharCode(...raw).trim();
	switch (type) {
		case 'N':
		case 'F': {
			const text = ascii();
			const value = Number(text);
			return text === '' || !Number.isFinite(value) ? null : value;
		}
		case 'D': {
			const text = ascii();
			return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
		}
		case 'L': {
			const text = ascii().toUpperCase();
			if (text === 'T' || text === 'Y') return true;
			if (text === 'F' || text === 'N') return false;
			return null; // '?' = not set
		}
		default: {
			const text = trimmedText(raw, decoder);
			return text === '' ? null : text;
		}
	}
}

/**
 * Reads a .dbf. Encoding: `encoding` when given, else the .cpg, else a Chinese language
 * driver byte means GBK, else UTF-8 when every text field is valid UTF-8, else GBK.
 */
export function readDbf(bytes: Uint8Array, options: { cpg?: string; encoding?: string } = {}): DbfTable {
	if (bytes.length < 32) throw new LocalizedError(L('.dbf 文件已损坏（太短）', 'The .dbf file is damaged (too short)'));
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const count = view.getUint32(4, true);
	const headerLength = view.getUint16(8, true);
	const recordLength = view.getUint16(10, true);
	const fieldBytes: { name: Uint8Array; type: string; offset: number; length: number }[] = [];
	let recordOffset = 1; // the deletion flag comes first
	for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
		const rawName = bytes.subarray(at, at + 11);
		const end = rawName.indexOf(0);
		const length = bytes[at + 16];
		fieldBytes.push({ name: rawName.subarray(0, end < 0 ? 11 : end), type: String.fromCharCode(bytes[at + 11]), offset: recordOffset, length });
		recordOffset += length;
	}
	if (headerLength + count * recordLength > bytes.length)
		throw new LocalizedError(L('.dbf 文件已损坏（记录不完整）', 'The .dbf file is damaged (records cut short)'));

	let encoding: string;
	let encodingSource: DbfTable['encodingSource'];
	const fromCpg = options.cpg ? encodingFromCpg(options.cpg) : undefined;
	if (options.encoding) {
		encoding = encodingFromCpg(options.encoding) ?? options.encoding;
		encodingSource = 'option';
	} else if (fromCpg) {
		encoding = fromCpg;
		encodingSource = 'cpg';
	} else if (CHINESE_LANGUAGE_DRIVERS.has(bytes[29])) {
		encoding = 'gbk';
		encodingSource = 'language driver';
	} else {
		const texts: Uint8Array[] = fieldBytes.map((f) => f.name);
		for (let r = 0; r < count; r++) {
			const base = headerLength + r * recordLength;
			for (const f of fieldBytes) if (f.type === 'C') texts.push(bytes.subarray(base + f.offset, base + f.offset + f.length));
		}
		encoding = isUtf8(texts) ? 'utf-8' : 'gbk';
		encodingSource = 'detected';
	}
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(encoding);
	} catch {
		throw new LocalizedError(L(`不支持的字符编码：${encoding}`, `Unsupported text encoding: ${encoding}`));
	}

	const fields: Field[] = fieldBytes.map((f) => ({ ...f, name: trimmedText(f.name, decoder) }));
	const records: (Record<string, unknown> | null)[] = [];
	for (let r = 0; r < count; r++) {
		const base = headerLength + r * recordLength;
		if (bytes[base] === 0x2a) {
			records.push(null); // deleted record
			continue;
		}
		const record: Record<string, unknown> = {};
		for (const f of fields) record[f.name] = parseValue(f.type, bytes.subarray(base + f.offset, base + f.offset + f.length), decoder);
		records.push(record);
	}
	return { records, encoding: decoder.encoding, encodingSource };
}
