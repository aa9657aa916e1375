// A FeatureCollection read a piece at a time: the scanner follows the JSON structure byte
// by byte (strings, escapes, nesting) and hands out each element of the top-level
// "features" array as soon as it is complete, so a file of any size is read with the
// memory of one feature. Top-level "type" and "crs" are kept wherever they appear.
// JSON's structural characters are ASCII, so scanning UTF-8 bytes is safe.
import { LocalizedError, L } from '../localized-error';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Pieces of one value, joined when it is complete. */
class Capture {
	private parts: Uint8Array[] = [];
	private length = 0;
	get empty() {
		return this.length === 0;
	}
	add(part: Uint8Array) {
		if (!part.byteLength) return;
		this.parts.push(part.slice()); // a copy: the chunk is not ours to keep
		this.length += part.byteLength;
	}
	text(decoder: TextDecoder): string {
		const all = new Uint8Array(this.length);
		let at = 0;
		for (const part of this.parts) {
			all.set(part, at);
			at += part.byteLength;
		}
		return decoder.decode(all);
	}
}

export class FeatureCollectionScanner {
	/** Top-level members kept: "type" and "crs", parsed. */
	readonly members: { type?: unknown; crs?: unknown } = {};
	/** Whether the top level had a "features" array. */
	sawFeatures = false;
	private depth = 0;
	private inString = false;
	private escaped = false;
	private started = false;
	private ended = false;
	private keyBytes: Capture | undefined;
	private lastKey = '';
	private pendingValue: 'features' | 'type' | 'crs' | undefined;
	private inFeatures = false;
	private feature: Capture | undefined;
	private featureStart = -1;
	private member: Capture | undefined;
	private memberName: 'type' | 'crs' | undefined;
	private memberStart = -1;
	private readonly decoder = new TextDecoder();
	private count = 0;

	/** Feeds the next piece; returns the features completed in it, parsed. */
	push(chunk: Uint8Array): unknown[] {
		const out: unknown[] = [];
		let i = 0;
		if (!this.started) {
			while (i < chunk.length && (isSpace(chunk[i]) || chunk[i] === 0xef || chunk[i] === 0xbb || chunk[i] === 0xbf)) i++; // BOM
			if (i === chunk.length) return out;
			if (chunk[i] !== OPEN_OBJECT) throw notGeoJson();
			this.started = true;
		}
		if (this.featureStart < 0 && this.feature) this.featureStart = 0;
		if (this.memberStart < 0 && this.member) this.memberStart = 0;
		for (; i < chunk.length; i++) {
			// Most of a file is the inside of its features, where only strings and brackets matter.
			if (this.feature && this.depth > 2 && !this.inString) {
				i = this.skipFeatureBody(chunk, i);
				if (i === chunk.length) break;
			}
			const b = chunk[i];
			if (this.ended) {
				if (!isSpace(b)) throw broken(L('根对象之后还有内容', 'there is more after the top-level object'));
				continue;
			}
			if (this.inString) {
				if (this.escaped) this.escaped = false;
				else if (b === BACKSLASH) this.escaped = true;
				else if (b === QUOTE) {
					this.inString = false;
					if (this.keyBytes) {
						this.keyBytes.add(chunk.subarray(this.keyStart(i), i));
						this.lastKey = this.keyBytes.text(this.decoder);
						this.keyBytes = undefined;
					}
				}
				continue;
			}
			if (isSpace(b)) continue;
			if (this.pendingValue === 'features') {
				this.pendingValue = undefined;
				if (b !== OPEN_ARRAY) throw notGeoJson();
				this.inFeatures = true;
				this.sawFeatures = true;
			} else if (this.pendingValue) {
				this.memberName = this.pendingValue;
				this.pendingValue = undefined;
				this.member = new Capture();
				this.memberStart = i;
			}
			switch (b) {
				case QUOTE:
					this.inString = true;
					if (this.depth === 1 && !this.member) {
						this.keyBytes = new Capture();
						this.keyFrom = i + 1;
					}
					break;
				case OPEN_OBJECT:
				case OPEN_ARRAY:
					if (this.inFeatures && this.depth === 2) {
						if (b !== OPEN_OBJECT) throw broken(L(`第 ${this.count + 1} 个要素不是对象`, `feature ${this.count + 1} is not an object`));
						this.feature = new Capture();
						this.featureStart = i;
					}
					this.depth++;
					break;
				case CLOSE_OBJECT:
				case CLOSE_ARRAY:
					this.depth--;
					if (this.depth < 0) throw broken(L('括号不匹配', 'unbalanced brackets'));
					if (this.feature && this.depth === 2) {
						// A feature wholly inside this piece is decoded from it, without copying.
						const piece = chunk.subarray(this.featureStart, i + 1);
						if (this.feature.empty) out.push(this.parseFeature(this.decoder.decode(piece)));
						else {
							this.feature.add(piece);
							out.push(this.parseFeature(this.feature.text(this.decoder)));
						}
						this.feature = undefined;
						this.featureStart = -1;
					}
					if (this.inFeatures && this.depth === 1) this.inFeatures = false;
					if (this.member && this.depth === 0) this.endMember(chunk, i);
					if (this.depth === 0) this.ended = true;
					break;
				case COLON:
					if (this.depth === 1 && !this.member && ['features', 'type', 'crs'].includes(this.lastKey))
						this.pendingValue = this.lastKey as 'features' | 'type' | 'crs';
					break;
				case COMMA:
					if (this.member && this.depth === 1) this.endMember(chunk, i);
					break;
			}
		}
		if (this.feature) {
			this.feature.add(chunk.subarray(this.featureStart));
			this.featureStart = -1;
		}
		if (this.member) {
			this.member.add(chunk.subarray(this.memberStart));
			this.memberStart = -1;
		}
		if (this.keyBytes) {
			this.keyBytes.add(chunk.subarray(this.keyStart(chunk.length)));
			this.keyFrom = 0;
		}
		return out;
	}

	/** Call after the last piece: throws when the file ended inside the collection. */
	end(): void {
		if (!this.started) throw notGeoJson();
		if (!this.ended) throw broken(L('文件在中途结束（不完整）', 'the file ends halfway (it is cut short)'));
	}

	private keyFrom = 0;
	private keyStart(end: number) {
		return Math.min(this.keyFrom, end);
	}

	private endMember(chunk: Uint8Array, at: number) {
		this.member!.add(chunk.subarray(this.memberStart, at));
		const text = this.member!.text(this.decoder);
		try {
			this.members[this.memberName!] = JSON.parse(text);
		} catch (error) {
			throw broken(L(`“${this.memberName}”无效：${(error as Error).message}`, `"${this.memberName}" is invalid: ${(error as Error).message}`));
		}
		this.member = undefined;
		this.memberStart = -1;
	}

	/**
	 * From `from`, inside a feature (depth > 2, not in a string), to the bracket that closes the
	 * feature object (returned, not consumed) or the end of the piece (then the depth and string
	 * state are kept for the next one). The general loop's rules, for just the bytes that matter.
	 */
	private skipFeatureBody(chunk: Uint8Array, from: number): number {
		const n = chunk.length;
		let depth = this.depth;
		let i = from;
		while (i < n) {
			const b = chunk[i];
			if (b === QUOTE) {
				i++;
				while (i < n) {
					const c = chunk[i];
					if (c === BACKSLASH) i += 2;
					else if (c === QUOTE) break;
					else i++;
				}
				if (i >= n) {
					// The string goes on in the next piece; past n means it ended on a backslash.
					this.inString = true;
					this.escaped = i > n;
					this.depth = depth;
					return n;
				}
			} else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
			else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
				if (depth === 3) break;
				depth--;
			}
			i++;
		}
		this.depth = depth;
		return Math.min(i, n);
	}

	private parseFeature(text: string): unknown {
		this.count++;
		try {
			return JSON.parse(text);
		} catch (error) {
			throw broken(L(`第 ${this.count} 个要素：${(error as Error).message}`, `feature ${this.count}: ${(error as Error).message}`));
		}
	}
}

const notGeoJson = () => new LocalizedError(L('不是 GeoJSON（缺少 FeatureCollection / Feature）', 'Not GeoJSON (no FeatureCollection or Feature)'));
const broken = (why: { zh: string; en: string }) =>
	new LocalizedError(L(`GeoJSON 不是有效的 JSON：${why.zh}`, `The GeoJSON is not valid JSON: ${why.en}`));
