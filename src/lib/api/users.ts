import type { Role } from './roles';

/** Usernames: lower-case letters, digits, `.`, `_`, `-`; 2–32 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{1,31}$';

/** Passwords: long enough to resist guessing, short enough that hashing stays cheap. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** An account as the admin pages and API see it (never the password hash). */
export interface UserView {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	disabled: boolean;
	/** Grows on every change; send it back with an edit (409 when it is stale). */
	version: number;
	createdAt: string;
	updatedAt: string;
}

/** `POST /api/admin/users` */
export interface CreateUserRequest {
	username: string;
	displayName?: string;
	role: Role;
	password: string;
}

/** `PATCH /api/admin/users/{id}`: the version you edited and the fields to change. */
export interface UpdateUserRequest {
	version: number;
	displayName?: string;
	role?: Role;
	disabled?: boolean;
	/** A new password (the user's sessions end). */
	password?: string;
}

/** The `details` of a 409 on a stale version: the record as it is now and what was sent. */
export interface VersionConflict<T> {
	current: T;
	submitted: { version: number } & Record<string, unknown>;
}
