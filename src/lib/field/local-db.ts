// The tablet's own database (IndexedDB): downloaded areas and sites, the photos taken,
// and the queue of inspections waiting for the network. It survives reloads, browser
// restarts and reboots; nothing here is deleted until the server has it.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FieldSite, FieldSiteDetail, Inspection, InspectionConflictDetails, InspectionInput, PhotoRef } from '../api/field';
import type { Bbox } from './geo';

export interface OfflineArea {
	id: string;
	name: string;
	bbox: Bbox;
	county?: string;
	minZoom: number;
	maxZoom: number;
	/** Cache Storage keys (tile and TileJSON URLs) this area stored. */
	urls: string[];
	siteKeys: string[];
	/** Bytes stored, as counted while downloading. */
	bytes: number;
	/** What the server estimated before the download (older areas have none). */
	estimateBytes?: number;
	createdAt: string;
}

export interface StoredSite {
	key: string;
	site: FieldSite;
	detail?: FieldSiteDetail;
	/** Areas that downloaded it (deleted with the last one). */
	areas: string[];
}

export interface StoredPhoto {
	sha256: string;
	blob: Blob;
	ref: PhotoRef;
	uploaded: boolean;
}

export type QueueState = 'pending' | 'syncing' | 'conflict' | 'failed' | 'synced';

export interface QueueItem {
	/** The inspection's id (client-generated UUID): the same id on every retry. */
	id: string;
	input: InspectionInput;
	state: QueueState;
	attempts: number;
	/** Epoch ms before which no retry is made (backoff). */
	nextAttemptAt: number;
	lastError?: string;
	/** Photos uploaded so far / photos to upload (progress of this item). */
	progress: { done: number; total: number };
	conflict?: InspectionConflictDetails;
	/** What the server stored, once synced. */
	server?: Inspection;
	createdAt: string;
	updatedAt: string;
}

interface FieldDb extends DBSchema {
	areas: { key: string; value: OfflineArea };
	sites: { key: string; value: StoredSite };
	photos: { key: string; value: StoredPhoto };
	queue: { key: string; value: QueueItem; indexes: { bySite: string } };
}

let opened: Promise<IDBPDatabase<FieldDb>> | undefined;

export function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
	opened ??= openDB<FieldDb>('ecomap-field', 1, {
		upgrade(db) {
			db.createObjectStore('areas', { keyPath: 'id' });
			db.createObjectStore('sites', { keyPath: 'key' });
			db.createObjectStore('photos', { keyPath: 'sha256' });
			db.createObjectStore('queue', { keyPath: 'id' }).createIndex('bySite', 'input.siteKey');
		}
	});
	return opened;
}

/** Keeps the browser from evicting the queue and the areas under storage pressure. */
export async function askPersistentStorage(): Promise<boolean> {
	return (await navigator.storage?.persist?.()) ?? false;
}
