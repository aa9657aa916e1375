import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/audit/actor';
import { login } from '$lib/server/auth/login';
import { logout } from '$lib/server/auth/logout';
import { setSessionCookie } from '$lib/server/auth/session';
import { field, formAction } from '$lib/server/http/form-failure';
import { safeNext } from '$lib/server/http/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	return { next: next === '/' ? null : next };
};

export const actions: Actions = {
	login: async (event) => {
		const data = await event.request.formData();
		const failure = await formAction(
			async () => {
				const session = await login(event.locals.db, actorOf(event), field(data, 'username'), field(data, 'password'));
				setSessionCookie(event.cookies, event.url, session.token, session.expiresAt);
			},
			{ username: field(data, 'username') }
		);
		if (failure) return failure;
		redirect(303, safeNext(event.url.searchParams.get('next')));
	},
	logout: async (event) => {
		await logout(event.locals.db, actorOf(event), event.locals.user, event.cookies);
		redirect(303, '/');
	}
};
