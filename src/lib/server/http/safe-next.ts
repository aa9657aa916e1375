/** Where to go after signing in: a path on this site, never another origin ("//host", "/\\host"). */
export function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	return next;
}
