import type { Verdict } from '$lib/check';

/**
 * Verdict colours: red, orange, yellow, blue, green — each with a text colour that meets
 * WCAG AA (≥ 4.5:1) on it, and always shown with the word and a shape, never colour alone.
 * `line` is the colour conflicting features are outlined with on the map.
 */
export const VERDICT_COLORS: Record<Verdict, { bg: string; fg: string; line: string }> = {
	forbidden: { bg: '#b91c1c', fg: '#ffffff', line: '#b91c1c' },
	restricted: { bg: '#c2410c', fg: '#ffffff', line: '#ea580c' },
	approval: { bg: '#facc15', fg: '#422006', line: '#ca8a04' },
	attention: { bg: '#1d4ed8', fg: '#ffffff', line: '#2563eb' },
	clear: { bg: '#15803d', fg: '#ffffff', line: '#15803d' }
};
