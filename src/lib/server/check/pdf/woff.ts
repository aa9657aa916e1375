import { inflateSync } from 'node:zlib';

/**
 * WOFF 1.0 → plain TrueType/OpenType bytes: inflate each table, write an sfnt directory.
 * fontkit reads WOFF, but inflates a table again on every access — a report took a minute —
 * and WOFF2 costs a 1.2 s brotli decode per document. Unpacked once, the font lays out text
 * in microseconds. Format: https://www.w3.org/TR/WOFF/ (header 44 bytes, 20-byte table entries).
 */
export function woffToSfnt(woff: Uint8Array): Buffer {
	const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
	if (src.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
	const flavor = src.readUInt32BE(4);
	const numTables = src.readUInt16BE(12);
	const tables: { tag: number; checksum: number; data: Buffer }[] = [];
	for (let i = 0; i < numTables; i++) {
		const e = 44 + i * 20;
		const offset = src.readUInt32BE(e + 4);
		const compLength = src.readUInt32BE(e + 8);
		const origLength = src.readUInt32BE(e + 12);
		const raw = src.subarray(offset, offset + compLength);
		const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw);
		if (data.length !== origLength) throw new Error('corrupt WOFF table');
		tables.push({ tag: src.readUInt32BE(e), checksum: src.readUInt32BE(e + 16), data });
	}
	tables.sort((a, b) => a.tag - b.tag);
	const pad4 = (n: number) => (n + 3) & ~3;
	const headerSize = 12 + 16 * numTables;
	const total = headerSize + tables.reduce((s, t) => s + pad4(t.data.length), 0);
	const out = Buffer.alloc(total);
	const log2 = Math.floor(Math.log2(numTables));
	out.writeUInt32BE(flavor, 0);
	out.writeUInt16BE(numTables, 4);
	out.writeUInt16BE(2 ** log2 * 16, 6);
	out.writeUInt16BE(log2, 8);
	out.writeUInt16BE(numTables * 16 - 2 ** log2 * 16, 10);
	let offset = headerSize;
	tables.forEach((t, i) => {
		const r = 12 + i * 16;
		out.writeUInt32BE(t.tag, r);
		out.writeUInt32BE(t.checksum, r + 4);
		out.writeUInt32BE(offset, r + 8);
		out.writeUInt32BE(t.data.length, r + 12);
		t.data.copy(out, offset);
		offset += pad4(t.data.length);
	});
	return out;
}
