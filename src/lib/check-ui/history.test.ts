import { describe, expect, it } from 'vitest';
import { SnapshotHistory } from './history.svelte';

describe('SnapshotHistory', () => {
	it('undoes and redoes whole snapshots, and a new step drops what could be redone', () => {
		const sut = new SnapshotHistory<string[]>([]);
		expect(sut.canUndo).toBe(false);
		sut.push(['a']);
		sut.push(['a', 'b']);
		expect(sut.undo()).toEqual(['a']);
		expect(sut.undo()).toEqual([]);
		expect(sut.undo()).toBeUndefined();
		expect(sut.redo()).toEqual(['a']);
		expect(sut.canRedo).toBe(true);
		sut.push(['c']);
		expect(sut.canRedo).toBe(false);
		expect(sut.present).toEqual(['c']);
		expect(sut.undo()).toEqual(['a']);
	});

	it('keeps at most `limit` steps back', () => {
		const sut = new SnapshotHistory(0, 3);
		for (let i = 1; i <= 10; i++) sut.push(i);
		const back: number[] = [];
		for (let s = sut.undo(); s !== undefined; s = sut.undo()) back.push(s);
		expect(back).toEqual([9, 8, 7]);
	});
});
