import type { AuditFilter } from '$lib/api/audit';
import type { Localized } from '$lib/api/i18n';
import { auditFilterFrom, auditPage } from '$lib/server/audit/query';
import { ApiError } from '$lib/server/http/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	try {
		const filter: AuditFilter & { before?: number } = auditFilterFrom(url);
		return { filter, page: await auditPage(locals.db, filter), filterError: null };
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		// A malformed filter: say so above the unfiltered trail.
		const filterError: Localized = error.messages;
		const filter: AuditFilter & { before?: number } = {};
		return { filter, page: await auditPage(locals.db, filter), filterError };
	}
};
