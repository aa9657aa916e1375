/**
 * Undo/redo as a stack of snapshots: every finished edit pushes the whole state it left
 * behind. Footprints are small (a few parts, at most thousands of vertices), so whole
 * snapshots are simpler and safer than diffs, and undo can never get out of step with
 * what terra-draw holds: the page redraws from the snapshot.
 *
 * @example
 * const h = new SnapshotHistory<number[]>([]);
 * h.push([1]); h.push([1, 2]);
 * h.undo(); // [1]
 * h.redo(); // [1, 2]
 */
export class SnapshotHistory<T> {
	#past = $state.raw<T[]>([]);
	#future = $state.raw<T[]>([]);
	#present = $state.raw<T>() as T;

	constructor(
		initial: T,
		private readonly limit = 100
	) {
		this.#present = initial;
	}

	get present(): T {
		return this.#present;
	}
	get canUndo(): boolean {
		return this.#past.length > 0;
	}
	get canRedo(): boolean {
		return this.#future.length > 0;
	}

	/** Records a new state; what could be redone is gone. */
	push(next: T): void {
		this.#past = [...this.#past, this.#present].slice(-this.limit);
		this.#present = next;
		this.#future = [];
	}

	/** The state before the last step, which becomes the present; undefined when there is none. */
	undo(): T | undefined {
		const previous = this.#past.at(-1);
		if (previous === undefined) return undefined;
		this.#future = [this.#present, ...this.#future];
		this.#past = this.#past.slice(0, -1);
		this.#present = previous;
		return previous;
	}

	redo(): T | undefined {
		const [next, ...rest] = this.#future;
		if (next === undefined) return undefined;
		this.#past = [...this.#past, this.#present];
		this.#future = rest;
		this.#present = next;
		return next;
	}
}
