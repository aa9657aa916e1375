/** Polls `${origin}/healthz` until it answers 200; false when `attempts` run out. */
export async function waitHealthy(origin: string, attempts: number, intervalMs: number): Promise<boolean> {
	for (let i = 0; i < attempts; i++) {
		if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) return true;
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	return false;
}
