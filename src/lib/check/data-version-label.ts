/**
 * A layer's data version as a reviewer can cite it: the day the data last changed and a short
 * hash of (layer, version) — "2026-11-30 · 3f9a1c2" — instead of the raw version number (a
 * millisecond timestamp). Pure and browser-safe.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** A day as YYYY-MM-DD in China Standard Time: unambiguous in both languages. */
export function chinaDay(iso: string): string | null {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return null;
	return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Seven hex digits of SHA-256("layer@version"): the same data version always reads the same. */
export const dataVersionHash = (layer: string, version: string): string => bytesToHex(sha256(utf8ToBytes(`${layer}@${version}`))).slice(0, 7);

/**
 * @param updatedAt ISO time of the layer's last change, when the record has it; else the
 *   version, a millisecond timestamp, gives the day.
 * @example
 * dataVersionLabel('coal-fire', '1795996800000', '2026-11-30T01:00:00Z'); // "2026-11-30 · 1b0e…"
 */
export function dataVersionLabel(layer: string, version: string, updatedAt?: string): string {
	const ms = Number(version);
	const day = (updatedAt && chinaDay(updatedAt)) || (ms > 1e12 ? chinaDay(new Date(ms).toISOString()) : null);
	const hash = dataVersionHash(layer, version);
	return day ? `${day} · ${hash}` : hash;
}
