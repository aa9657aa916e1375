// The sync queue: inspections made on the tablet go to IndexedDB first and are sent when
// the network answers, one at a time: photos (skipped when the server has them), then the
// inspection under its client-made id. Replays are harmless (the server answers the stored
// record); a record the server changed meanwhile becomes a conflict for the user to resolve.
import type { Inspection, InspectionConflictDetails, InspectionInput, MissingPhotosDetails, PhotoRef } from '../api/field';
import { ApiRequestError, problemOf } from '../api/client';
import { fieldDb, type QueueItem } from './local-db';
import { retryDelayMs } from './backoff';
import { isNetworkFailure } from './site-data';

const FAILED_AFTER_ATTEMPTS = 8;
const POLL_MS = 15_000;

export const queue = $state({ items: [] as QueueItem[], running: false, online: true });

export async function refreshQueue(): Promise<void> {
	const items = await (await fieldDb()).getAll('queue');
	items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
	queue.items = items;
}

async function save(item: QueueItem): Promise<void> {
	item.updatedAt = new Date().toISOString();
	await (await fieldDb()).put('queue', $state.snapshot(item) as QueueItem);
	await refreshQueue();
}

/** Stores photos and the inspection on the tablet; sync follows when it can. */
export async function enqueue(id: string, input: InspectionInput, photos: { blob: Blob; ref: PhotoRef }[]): Promise<void> {
	const db = await fieldDb();
	for (const photo of photos) {
		if (!(await db.get('photos', photo.ref.sha256))) await db.put('photos', { sha256: photo.ref.sha256, blob: photo.blob, ref: photo.ref, uploaded: false });
	}
	const now = new Date().toISOString();
	const previous = await db.get('queue', id);
	await save({
		id,
		input,
		state: 'pending',
		attempts: 0,
		nextAttemptAt: 0,
		progress: { done: 0, total: input.photos.length },
		server: previous?.server,
		createdAt: previous?.createdAt ?? now,
		updatedAt: now
	});
	void syncNow();
}

/** The user's field-by-field answer to a conflict: sent again on top of the server's version. */
export async function resolveConflict(item: QueueItem, merged: InspectionInput): Promise<void> {
	await save({ ...item, input: merged, state: 'pending', attempts: 0, nextAttemptAt: 0, conflict: undefined, lastError: undefined });
	void syncNow();
}

/** Sends a failed item again now. */
export async function retry(item: QueueItem): Promise<void> {
	await save({ ...item, state: 'pending', attempts: 0, nextAttemptAt: 0 });
	void syncNow();
}

async function uploadPhotos(item: QueueItem): Promise<void> {
	const db = await fieldDb();
	item.progress = { done: 0, total: item.input.photos.length };
	for (const ref of item.input.photos) {
		const stored = await db.get('photos', ref.sha256);
		if (!stored) throw new ApiRequestError(0, 'photo-lost', `Photo ${ref.sha256.slice(0, 12)} is not on this device`);
		if (!stored.uploaded) {
			// A restarted upload of the same bytes is harmless: photos are stored by their hash.
			const head = await fetch(`/api/field/photos/${ref.sha256}`, { method: 'HEAD' });
			if (head.status !== 200) {
				const put = await fetch(`/api/field/photos/${ref.sha256}`, { method: 'PUT', body: stored.blob, headers: { 'content-type': ref.mime } });
				if (!put.ok) throw await problemOf(put);
			}
			await db.put('photos', { ...stored, uploaded: true });
		}
		item.progress = { done: item.progress.done + 1, total: item.progress.total };
		await save(item);
	}
}

async function sendItem(item: QueueItem): Promise<void> {
	item.state = 'syncing';
	item.attempts += 1;
	await save(item);
	try {
		await uploadPhotos(item);
		const response = await fetch(`/api/field/inspections/${item.id}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(item.input)
		});
		if (!response.ok) throw await problemOf(response);
		item.server = (await response.json()) as Inspection;
		Object.assign(item, { state: 'synced', lastError: undefined, conflict: undefined });
	} catch (error) {
		if (error instanceof ApiRequestError && error.code === 'version-conflict' && error.details) {
			Object.assign(item, { state: 'conflict', conflict: error.details as InspectionConflictDetails, lastError: error.message });
		} else if (error instanceof ApiRequestError && error.code === 'missing-photos') {
			// The server lost or never kept a photo we thought it had: upload those again.
			const db = await fieldDb();
			for (const sha of (error.details as MissingPhotosDetails).missing ?? []) {
				const stored = await db.get('photos', sha);
				if (stored) await db.put('photos', { ...stored, uploaded: false });
			}
			Object.assign(item, { state: 'pending', nextAttemptAt: 0, lastError: error.message });
		} else {
			const transient = isNetworkFailure(error) || (error instanceof ApiRequestError && (error.status >= 500 || [401, 408, 429].includes(error.status)));
			const message = error instanceof Error ? error.message : String(error);
			if (transient && item.attempts < FAILED_AFTER_ATTEMPTS)
				Object.assign(item, { state: 'pending', nextAttemptAt: Date.now() + retryDelayMs(item.attempts), lastError: message });
			else Object.assign(item, { state: 'failed', lastError: message });
		}
	}
	await save(item);
}

async function drain(): Promise<void> {
	for (;;) {
		const db = await fieldDb();
		const due = (await db.getAll('queue'))
			.filter((i) => (i.state === 'pending' || i.state === 'syncing') && i.nextAttemptAt <= Date.now())
			.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
		if (due.length === 0 || !navigator.onLine) return;
		await sendItem(due[0]);
	}
}

/** Sends what is due; one run at a time across the tabs of this browser. */
export async function syncNow(): Promise<void> {
	if (queue.running || !navigator.onLine) return;
	queue.running = true;
	try {
		if (navigator.locks) await navigator.locks.request('ecomap-field-sync', drain);
		else await drain();
	} finally {
		queue.running = false;
		await refreshQueue();
	}
}

/** Starts syncing on "online", on a timer (for backoff), and now; returns the stop function. */
export function startSync(): () => void {
	queue.online = navigator.onLine;
	const online = () => {
		queue.online = true;
		void syncNow();
	};
	const offline = () => (queue.online = false);
	window.addEventListener('online', online);
	window.addEventListener('offline', offline);
	const timer = setInterval(() => void syncNow(), POLL_MS);
	void refreshQueue().then(syncNow);
	return () => {
		window.removeEventListener('online', online);
		window.removeEventListener('offline', offline);
		clearInterval(timer);
	};
}
