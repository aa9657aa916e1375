// Types for the parts of pbf@3 (plain CommonJS, no bundled types) the MVT encoder uses.
declare module 'pbf' {
	export default class Pbf {
		constructor(buffer?: Uint8Array);
		writeMessage<T>(tag: number, fn: (obj: T, pbf: Pbf) => void, obj: T): void;
		writeStringField(tag: number, value: string): void;
		writeVarintField(tag: number, value: number): void;
		writeSVarintField(tag: number, value: number): void;
		writeDoubleField(tag: number, value: number): void;
		writeBooleanField(tag: number, value: boolean): void;
		writePackedVarint(tag: number, values: readonly number[]): void;
		finish(): Uint8Array<ArrayBuffer>;
	}
}
