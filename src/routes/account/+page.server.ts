import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/audit/actor';
import { changeOwnPassword } from '$lib/server/auth/change-password';
import { logoutEverywhere } from '$lib/server/auth/logout';
import { ApiError } from '$lib/server/http/errors';
import { field, formAction } from '$lib/server/http/form-failure';
import type { Actions } from './$types';

// The boundary admits only signed-in users to /account: locals.user is set here.
export const actions: Actions = {
	password: async (event) => {
		const data = await event.request.formData();
		return formAction(async () => {
			if (field(data, 'password') !== field(data, 'confirm'))
				throw new ApiError(400, 'passwords-differ', { zh: '两次输入的新密码不一致。', en: 'The two new passwords differ.' });
			await changeOwnPassword(event.locals.db, actorOf(event), event.locals.user!, field(data, 'current'), field(data, 'password'));
			return { changed: true };
		});
	},
	logoutEverywhere: async (event) => {
		await logoutEverywhere(event.locals.db, actorOf(event), event.locals.user!, event.cookies);
		redirect(303, '/login');
	}
};
