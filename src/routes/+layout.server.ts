import { publicUser } from '$lib/server/auth/public-user';
import type { LayoutServerLoad } from './$types';

/** Every page knows who is signed in (the account menu, role-dependent controls). */
export const load: LayoutServerLoad = ({ locals }) => ({ user: publicUser(locals.user) });
