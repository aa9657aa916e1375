import { progress } from '$lib/server/progress/progress';
import type { PageServerLoad } from './$types';

/** Public, read-only: the same figures as /api/progress. */
export const load: PageServerLoad = async ({ locals }) => ({ progress: await progress(locals.db) });
