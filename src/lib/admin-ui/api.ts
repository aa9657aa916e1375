// The browser's client of the admin data upload: the file is the body, the options the query.
import type { DataPreview, ImportEvent, UploadOptions } from '$lib/api/data-upload';
import type { Localized } from '$lib/layers/types';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: Localized };

function query(file: File, options: UploadOptions, extra: Record<string, string> = {}): string {
	const params = new URLSearchParams({ file: file.name, ...extra });
	for (const [k, v] of Object.entries(options)) if (v !== undefined && v !== false) params.set(k, v === true ? '1' : String(v));
	return params.toString();
}

async function failure(response: Response): Promise<Localized> {
	const error = ((await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined)?.error;
	const text = error?.message ?? `HTTP ${response.status}`;
	return { zh: text, en: text };
}

const offline: Localized = { zh: '无法连接服务器，请检查网络后重试。', en: 'The server cannot be reached: check the connection and try again.' };

export async function previewUpload(file: File, options: UploadOptions): Promise<Outcome<DataPreview>> {
	try {
		const response = await fetch(`/api/admin/data/preview?${query(file, options)}`, { method: 'POST', body: file });
		if (!response.ok) return { ok: false, message: await failure(response) };
		return { ok: true, value: (await response.json()) as DataPreview };
	} catch {
		return { ok: false, message: offline };
	}
}

/** The commit: each NDJSON line of the answer goes to `onEvent` as it arrives. */
export async function importUpload(file: File, options: UploadOptions, sha256: string, onEvent: (e: ImportEvent) => void): Promise<Outcome<undefined>> {
	try {
		const response = await fetch(`/api/admin/data/import?${query(file, options, { sha256 })}`, { method: 'POST', body: file });
		if (!response.ok || !response.body) return { ok: false, message: await failure(response) };
		const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
		let buffer = '';
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			buffer += value;
			let newline: number;
			while ((newline = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, newline).trim();
				buffer = buffer.slice(newline + 1);
				if (line) onEvent(JSON.parse(line) as ImportEvent);
			}
		}
		return { ok: true, value: undefined };
	} catch {
		return { ok: false, message: offline };
	}
}
