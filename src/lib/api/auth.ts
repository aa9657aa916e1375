// Wire shapes and calls of the sign-in API (`/api/auth/*`), for pages and scripts.
import type { SessionUserView } from './roles';

/** `POST /api/auth/login` → 204 + session cookie; 401 bad credentials; 429 too many attempts. */
export interface LoginRequest {
	username: string;
	password: string;
}

/** `GET /api/auth/me` */
export interface MeResponse {
	user: SessionUserView | null;
}
