/** "dir/Fire Zones.SHP" → { base: "dir/Fire Zones", ext: "shp" } */
export function splitName(name: string): { base: string; ext: string } {
	const dot = name.lastIndexOf('.');
	if (dot <= name.lastIndexOf('/')) return { base: name, ext: '' };
	return { base: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() };
}

/** The file named like `base` with extension `ext` (case-insensitive), if given. */
export function sibling<T extends { name: string }>(files: readonly T[], base: string, ext: string): T | undefined {
	return files.find((f) => {
		const parts = splitName(f.name);
		return parts.ext === ext && parts.base.toLowerCase() === base.toLowerCase();
	});
}

/** The part of a path after the last slash. */
export function baseName(name: string): string {
	return name.slice(name.lastIndexOf('/') + 1);
}
