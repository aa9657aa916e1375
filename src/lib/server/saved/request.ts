import { z } from 'zod';
import type { FootprintInput, ProjectDetails } from '../../api/saved-checks';
import { ApiError } from '../http/errors';

const text = (max: number) => z.string().trim().min(1).max(max);

const SaveFields = z.object({
	projectName: text(200),
	developer: text(200),
	notes: z.string().trim().max(4000).optional(),
	input: z
		.object({ text: z.string().max(1_000_000).optional(), file: z.string().max(255).optional(), crs: z.string().max(64).optional() })
		.default({})
});

const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
	projectName: { zh: '项目名称', en: 'the project name' },
	developer: { zh: '建设单位', en: 'the developer' },
	notes: { zh: '备注', en: 'the notes' },
	input: { zh: '范围来源', en: 'the footprint source' }
};

/**
 * The project details a save adds to the /api/check body. Read from a clone of the request
 * (the check body itself is read by the check's own reader); the body is already bounded.
 */
export function parseSaveFields(raw: unknown): { project: ProjectDetails; input: FootprintInput } {
	const parsed = SaveFields.safeParse(raw);
	if (!parsed.success) {
		const field = String(parsed.error.issues[0].path[0] ?? 'projectName');
		const label = FIELD_LABELS[field] ?? FIELD_LABELS.projectName;
		throw new ApiError(
			400,
			'invalid-project',
			{
				zh: `请填写有效的${label.zh}（项目名称、建设单位必填，各不超过 200 字；备注不超过 4000 字）。`,
				en: `Give a valid value for ${label.en} (project name and developer are required, up to 200 characters each; notes up to 4000).`
			},
			{ field }
		);
	}
	const { projectName, developer, notes, input } = parsed.data;
	return { project: { projectName, developer, ...(notes ? { notes } : {}) }, input };
}

/** An integer id from the path (a positive int4), else the given 404. */
export function parseId(value: string, notFound: () => ApiError): number {
	const id = /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : NaN;
	if (!(id <= 2_147_483_647)) throw notFound();
	return id;
}

export const checkNotFound = () => new ApiError(404, 'check-not-found', { zh: '未找到该检查记录。', en: 'No such saved check.' });

export const shareNotFound = () =>
	new ApiError(404, 'share-not-found', { zh: '未找到该分享链接，或已撤销。', en: 'No such share link, or it is already revoked.' });

export const parseCheckId = (value: string) => parseId(value, checkNotFound);
