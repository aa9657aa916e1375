import { describe, expect, it } from 'vitest';
import { getLayer } from '$lib/layers/registry';
import { PROJECT_TYPES, SEVERITIES, type ZoningRule } from '$lib/layers/types';
import { clauseSeverity, conflictSeverity, resolveClause, severityRank, stronger, verdictOf } from './rules';

const rule = (id: string): ZoningRule => {
	const zoning = getLayer(id)?.zoning;
	if (!zoning) throw new Error(`no zoning rule for ${id}`);
	return zoning;
};

describe('severity order', () => {
	it('ranks forbidden > restricted > approval > attention', () => {
		expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2, 3]);
		expect(stronger('attention', 'forbidden')).toBe('forbidden');
		expect(stronger('restricted', 'approval')).toBe('restricted');
		expect(stronger('approval', 'approval')).toBe('approval');
	});

	it('takes the strongest severity as the verdict, clear when there is none', () => {
		expect(verdictOf([])).toBe('clear');
		expect(verdictOf(['attention'])).toBe('attention');
		expect(verdictOf(['attention', 'approval', 'attention'])).toBe('approval');
		expect(verdictOf(['approval', 'restricted', 'attention'])).toBe('restricted');
		expect(verdictOf(['attention', 'forbidden', 'restricted'])).toBe('forbidden');
	});
});

describe('clause resolution', () => {
	it('picks the clause of the feature’s level', () => {
		const sut = resolveClause(rule('water-source-protection'), 'second');
		expect(sut.key).toBe('second');
		expect(sut.levelKnown).toBe(true);
		expect(sut.clause.basis.zh).toContain('第六十六条');
	});

	it('uses `default` on layers without levels', () => {
		const sut = resolveClause(rule('ecological-redline'), undefined);
		expect(sut).toMatchObject({ key: 'default', levelKnown: true });
	});

	it('assumes the strictest clause when a level is missing or unknown, and says so', () => {
		for (const level of [undefined, 'tertiary']) {
			const water = resolveClause(rule('water-source-protection'), level);
			expect(water.levelKnown).toBe(false);
			expect(water.clause.severity).toBe('forbidden');
			const unit = resolveClause(rule('control-unit'), level);
			expect(unit).toMatchObject({ key: 'priority', levelKnown: false });
		}
	});

	it('does not take inherited keys for levels', () => {
		expect(resolveClause(rule('water-source-protection'), 'toString').levelKnown).toBe(false);
	});
});

describe('severity per project type', () => {
	const L = (t: string) => ({ zh: t, en: t });
	const synthetic: ZoningRule = {
		bufferM: 100,
		nearbySeverity: 'attention',
		sliverM2: 1,
		levelAttribute: 'level',
		clauses: {
			core: {
				severity: 'forbidden',
				byProjectType: { linear: 'approval', restoration: 'attention', mining: 'restricted' },
				basis: L('basis'),
				text: L('text')
			}
		}
	};

	it('applies the override for the project type, else the clause’s own severity', () => {
		const { clause } = resolveClause(synthetic, 'core');
		const got = Object.fromEntries(PROJECT_TYPES.map((t) => [t, clauseSeverity(clause, t)]));
		expect(got).toEqual({
			linear: 'approval',
			mining: 'restricted',
			solar_wind: 'forbidden',
			building: 'forbidden',
			agri_forestry: 'forbidden',
			restoration: 'attention',
			other: 'forbidden'
		});
	});

	it('gives nearby features the layer’s nearby severity whatever the project type', () => {
		const { clause } = resolveClause(synthetic, 'core');
		for (const t of PROJECT_TYPES) {
			expect(conflictSeverity(synthetic, clause, 'nearby', t)).toBe('attention');
			expect(conflictSeverity(synthetic, clause, 'intersects', t)).toBe(clauseSeverity(clause, t));
		}
	});

	it('reads the registry as the law reads (spot checks)', () => {
		const sev = (layer: string, level: string | undefined, type: (typeof PROJECT_TYPES)[number]) =>
			clauseSeverity(resolveClause(rule(layer), level).clause, type);
		// 防沙治沙法 art. 22: roads and railways need consent; everything else destroying vegetation is forbidden.
		expect(sev('sand-closure-reserve', undefined, 'linear')).toBe('approval');
		expect(sev('sand-closure-reserve', undefined, 'building')).toBe('forbidden');
		// 水污染防治法 art. 65: nothing unrelated to water supply in the first-level zone, for any project type.
		for (const t of PROJECT_TYPES) expect(sev('water-source-protection', 'first', t)).toBe('forbidden');
		// Restoration is what the redline allows.
		expect(sev('ecological-redline', undefined, 'restoration')).toBe('attention');
	});
});

describe('三区三线 rules', () => {
	const severities = (id: string) => Object.fromEntries(PROJECT_TYPES.map((p) => [p, clauseSeverity(resolveClause(rule(id), undefined).clause, p)]));

	it('forbids occupying permanent basic farmland except key linear works with State Council approval (土地管理法 art. 35)', () => {
		expect(severities('permanent-basic-farmland')).toEqual({
			linear: 'approval',
			mining: 'forbidden',
			solar_wind: 'forbidden',
			building: 'forbidden',
			agri_forestry: 'restricted',
			restoration: 'attention',
			other: 'forbidden'
		});
		const clause = resolveClause(rule('permanent-basic-farmland'), undefined).clause;
		expect(clause.basis.zh).toContain('《中华人民共和国土地管理法》第三十五条');
		expect(clause.basis.zh).toContain('《基本农田保护条例》');
		expect(clause.text.zh).toContain('国务院批准');
	});

	it('inside the urban development boundary: building fits the plan, mining and utility solar/wind do not; outside it buildings need approval', () => {
		expect(severities('urban-development-boundary')).toMatchObject({ building: 'attention', mining: 'restricted', solar_wind: 'restricted', linear: 'attention' });
		expect(rule('urban-development-boundary').outside?.byProjectType).toEqual({ building: 'approval' });
		expect(rule('urban-development-boundary').outside?.basis.zh).toContain('自然资发〔2023〕193号');
	});

	it('carries illustrative approval metadata', () => {
		for (const id of ['permanent-basic-farmland', 'urban-development-boundary'])
			expect(getLayer(id)?.approval?.status).toEqual({ zh: '示意', en: 'Illustrative' });
	});
});
