/**
 * The numbers of the account rules, in one place (README "Accounts" quotes them).
 *
 * Sessions: a working day of inactivity ends a session (a tablet left in a car overnight
 * asks again in the morning); a week is the most any session lives, however busy.
 */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** `last_seen_at` is written at most this often, not on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;

/**
 * Sign-in throttling, counted from the audit trail (so it holds across processes and
 * restarts): failed attempts within the window, per account (since its last success) and
 * per client address. An office behind one NAT address shares the address budget, hence
 * the larger number.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 30;
