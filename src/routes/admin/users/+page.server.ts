import { actorOf } from '$lib/server/audit/actor';
import { field, formAction } from '$lib/server/http/form-failure';
import { createUser, listUsers, updateUser } from '$lib/server/users/users';
import type { UpdateUserRequest } from '$lib/api/users';
import type { Role } from '$lib/api/roles';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ users: await listUsers(locals.db) });

/** The edit a row's form asks for: its version, and only the fields it sends. */
function change(data: FormData): UpdateUserRequest {
	const has = (name: string) => data.has(name);
	return {
		version: Number(field(data, 'version')),
		...(has('role') ? { role: field(data, 'role') as Role } : {}),
		...(has('displayName') ? { displayName: field(data, 'displayName') } : {}),
		...(has('disabled') ? { disabled: field(data, 'disabled') === 'true' } : {}),
		...(has('password') ? { password: field(data, 'password') } : {})
	};
}

export const actions: Actions = {
	create: async (event) => {
		const data = await event.request.formData();
		return formAction(
			async () => ({
				created: await createUser(event.locals.db, actorOf(event), {
					username: field(data, 'username'),
					displayName: field(data, 'displayName'),
					role: field(data, 'role'),
					password: field(data, 'password')
				})
			}),
			{ username: field(data, 'username'), displayName: field(data, 'displayName'), role: field(data, 'role') }
		);
	},
	update: async (event) => {
		const data = await event.request.formData();
		const id = Number(field(data, 'id'));
		return formAction(async () => ({ updated: await updateUser(event.locals.db, actorOf(event), id, change(data)) }), { id: String(id) });
	}
};
