// dBase (.dbf) attribute tables of shapefiles, with the text encoding decided carefully:
// Chinese shapefiles are often GBK (code page 936) and say so only in a .cpg, in the
// header's language-driver byte, or not at all.
import { LocalizedError, L } from '../localized-error';

/** How the encoding was chosen. */
export type EncodingSource = 'option' | 'cpg' | 'language driver' | 'detected';

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

export interface DbfHeader {
	count: number;
	headerLength: number;
	recordLength: number;
	fields: { name: Uint8Array; type: string; offset: number; length: number }[];
}

/** The header of a .dbf; `bytes` must hold at least its first `headerLength` bytes (see dbfHeaderLength). */
export function readDbfHeader(bytes: Uint8Array, fileSize: number): DbfHeader {
	if (bytes.length < 32) throw new LocalizedError(L('.dbf 文件已损坏（太短）', 'The .dbf file is damaged (too short)'));
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const count = view.getUint32(4, true);
	const headerLength = view.getUint16(8, true);
	const recordLength = view.getUint16(10, true);
	const fields: DbfHeader['fields'] = [];
	let recordOffset = 1; // the deletion flag comes first
	for (let at = 32; at + 32 <= Math.min(headerLength, bytes.length) && bytes[at] !== 0x0d; at += 32) {
		const rawName = bytes.subarray(at, at + 11);
		const end = rawName.indexOf(0);
		const length = bytes[at + 16];
		fields.push({ name: rawName.slice(0, end < 0 ? 11 : end), type: String.fromCharCode(bytes[at + 11]), offset: recordOffset, length });
		recordOffset += length;
	}
	if (headerLength + count * recordLength > fileSize)
		throw new LocalizedError(L('.dbf 文件已损坏（记录不完整）', 'The .dbf file is damaged (records cut short)'));
	return { count, headerLength, recordLength, fields };
}

/** How many bytes to read for readDbfHeader, from the first 32. */
export const dbfHeaderLength = (first32: Uint8Array) =>
	first32.length < 32 ? 32 : new DataView(first32.buffer, first32.byteOffset, 32).getUint16(8, true);

/** Checks text as it comes, piece by piece: are all of them valid UTF-8? */
export class Utf8Probe {
	private readonly decoder = new TextDecoder('utf-8', { fatal: true });
	valid = true;
	add(bytes: Uint8Array) {
		if (!this.valid) return;
		try {
			this.decoder.decode(bytes);
		} catch {
			this.valid = false;
		}
	}
}

/** The character fields of records in `bytes` (whole records, from a record boundary), for encoding detection. */
export function probeRecords(probe: Utf8Probe, header: DbfHeader, bytes: Uint8Array): void {
	for (let base = 0; base + header.recordLength <= bytes.length; base += header.recordLength)
		for (const f of header.fields) if (f.type === 'C') probe.add(bytes.subarray(base + f.offset, base + f.offset + f.length));
}

/**
 * The encoding: `encoding` when given, else the .cpg, else a Chinese language driver byte
 * means GBK, else `detect()` (UTF-8 when every text field is valid UTF-8, else GBK).
 */
export async function chooseEncoding(
	header: DbfHeader,
	languageDriver: number,
	options: { cpg?: string; encoding?: string },
	detect: () => Promise<boolean>
): Promise<{ decoder: TextDecoder; source: EncodingSource }> {
	let encoding: string;
	let source: EncodingSource;
	const fromCpg = options.cpg ? encodingFromCpg(options.cpg) : undefined;
	if (options.encoding) {
		encoding = encodingFromCpg(options.encoding) ?? options.encoding;
		source = 'option';
	} else if (fromCpg) {
		encoding = fromCpg;
		source = 'cpg';
	} else if (CHINESE_LANGUAGE_DRIVERS.has(languageDriver)) {
		encoding = 'gbk';
		source = 'language driver';
	} else {
		const probe = new Utf8Probe();
		for (const f of header.fields) probe.add(f.name);
		encoding = probe.valid && (await detect()) ? 'utf-8' : 'gbk';
		source = 'detected';
	}
	try {
		return { decoder: new TextDecoder(encoding), source };
	} catch {
		throw new LocalizedError(L(`不支持的字符编码：${encoding}`, `Unsupported text encoding: ${encoding}`));
	}
}

/** Records in `bytes` (whole records, from a record boundary); deleted ones as null so indexes match the .shp. */
export function decodeRecords(header: DbfHeader, bytes: Uint8Array, decoder: TextDecoder): (Record<string, unknown> | null)[] {
	const names = header.fields.map((f) => trimmedText(f.name, decoder));
	const records: (Record<string, unknown> | null)[] = [];
	for (let base = 0; base + header.recordLength <= bytes.length; base += header.recordLength) {
		if (bytes[base] === 0x2a) {
			records.push(null); // deleted record
			continue;
		}
		const record: Record<string, unknown> = {};
		header.fields.forEach((f, k) => (record[names[k]] = parseValue(f.type, bytes.subarray(base + f.offset, base + f.offset + f.length), decoder)));
		records.push(record);
	}
	return records;
}
