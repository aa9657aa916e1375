/** Bytes a cache entry costs besides its body: key, map slot, object headers (rough). */
const ENTRY_OVERHEAD = 96;

export interface TileCacheStats {
	entries: number;
	bytes: number;
	maxBytes: number;
	hits: number;
	misses: number;
}

/**
 * An in-process LRU of tiles with a byte budget. Keys carry the layer's data version, so
 * when the data changes the old tiles simply become unreachable; `dropStale` also frees
 * them at once. A budget of 0 turns the cache off.
 */
export class TileCache {
	private readonly entries = new Map<string, Uint8Array<ArrayBuffer>>();
	private bytes = 0;
	private hits = 0;
	private misses = 0;

	constructor(readonly maxBytes: number) {}

	static key(layer: string, version: string, z: number, x: number, y: number): string {
		return `${layer}/${version}/${z}/${x}/${y}`;
	}

	get enabled(): boolean {
		return this.maxBytes > 0;
	}

	/** Whether the key is cached, without counting a hit or refreshing it. */
	has(key: string): boolean {
		return this.entries.has(key);
	}

	get(key: string): Uint8Array<ArrayBuffer> | undefined {
		const value = this.entries.get(key);
		if (value === undefined) {
			this.misses++;
			return undefined;
		}
		this.hits++;
		// Re-insert: a Map iterates in insertion order, so the front is least recently used.
		this.entries.delete(key);
		this.entries.set(key, value);
		return value;
	}

	set(key: string, value: Uint8Array<ArrayBuffer>): void {
		const cost = value.byteLength + key.length + ENTRY_OVERHEAD;
		if (cost > this.maxBytes) return;
		this.remove(key);
		this.entries.set(key, value);
		this.bytes += cost;
		for (const [oldest] of this.entries) {
			if (this.bytes <= this.maxBytes) break;
			this.remove(oldest);
		}
	}

	/** Forgets a layer's tiles of any other version than `version` (called when it changes). */
	dropStale(layer: string, version: string): void {
		const prefix = `${layer}/`;
		const current = `${layer}/${version}/`;
		for (const key of this.entries.keys()) if (key.startsWith(prefix) && !key.startsWith(current)) this.remove(key);
	}

	stats(): TileCacheStats {
		return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses };
	}

	private remove(key: string) {
		const value = this.entries.get(key);
		if (value === undefined) return;
		this.entries.delete(key);
		this.bytes -= value.byteLength + key.length + ENTRY_OVERHEAD;
	}
}
