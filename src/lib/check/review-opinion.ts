/**
 * The report's 审查意见 (review opinion): the verdict in words and what the planner must do
 * next, generated from the conflicts that fired — one action per severity, naming the zones.
 * A draft for the reviewer to sign, never a decision. Pure and browser-safe.
 */
import type { Localized, Severity } from '../layers/types';
import type { Verdict } from './types';

export interface OpinionConflict {
	index: number;
	severity: Severity;
	layerTitle: string;
	levelLabel: string | null;
}

export interface ReviewOpinion {
	/** The verdict in words (符合 / 不符合 …). */
	conclusion: string;
	/** Numbered actions, strictest first. */
	actions: string[];
}

const L = (zh: string, en: string): Localized => ({ zh, en });

const CONCLUSIONS: Record<Verdict, Localized> = {
	forbidden: L(
		'不符合：项目范围涉及禁止建设的管控区，按现状选址不予通过。',
		'Does not conform: the footprint lies in zones where construction is prohibited; the site cannot pass as drawn.'
	),
	restricted: L(
		'有条件符合：项目范围涉及严格限制类管控区，取得相关许可并落实管控要求后方可通过。',
		'Conforms on conditions: the footprint touches strictly restricted zones; it can pass once the permits are obtained and the requirements met.'
	),
	approval: L(
		'须经批准：项目范围涉及须审批的管控区，依法取得批准后方可通过。',
		'Needs approval: the footprint touches zones that require approval; it can pass once approved under the law.'
	),
	attention: L(
		'基本符合：项目范围邻近或涉及须注意的区域，须落实保护措施。',
		'Broadly conforms: the footprint is near or in zones that need care; protective measures are required.'
	),
	clear: L('符合：在所检查的管控图层中未发现冲突。', 'Conforms: no conflict was found with the zoning layers checked.')
};

/** What to do per severity; `{zones}` names the zones, `{items}` the conflict numbers. */
const ACTIONS: Record<Severity, Localized> = {
	forbidden: L('避让{zones}（第{items}项）；调整选址后重新核查。', 'Keep clear of {zones} (items {items}); move the site and check it again.'),
	restricted: L(
		'取得{zones}主管部门的许可（第{items}项），落实其管控要求后方可建设。',
		'Obtain the permit of the authority in charge of {zones} (items {items}) and meet its requirements before building.'
	),
	approval: L('就涉及{zones}的部分（第{items}项）报有批准权的机关批准后方可实施。', 'Submit the part in {zones} (items {items}) to the approving authority; proceed only once approved.'),
	attention: L('注意{zones}（第{items}项），施工中落实相应保护措施。', 'Take care of {zones} (items {items}): apply the protective measures during construction.')
};

const ORDER: Severity[] = ['forbidden', 'restricted', 'approval', 'attention'];

/**
 * @example
 * reviewOpinion('forbidden', [{ index: 1, severity: 'forbidden', layerTitle: '饮用水水源保护区', levelLabel: '一级保护区' }], 'zh', false);
 * // { conclusion: '不符合：…', actions: ['避让饮用水水源保护区（一级保护区）（第1项）；调整选址后重新核查。'] }
 */
export function reviewOpinion(verdict: Verdict, conflicts: readonly OpinionConflict[], lang: 'zh' | 'en', illustrative: boolean): ReviewOpinion {
	const actions: string[] = [];
	for (const severity of ORDER) {
		const rows = conflicts.filter((c) => c.severity === severity);
		if (!rows.length) continue;
		const zones = [...new Set(rows.map((r) => (r.levelLabel ? (lang === 'zh' ? `${r.layerTitle}（${r.levelLabel}）` : `${r.layerTitle} (${r.levelLabel})`) : r.layerTitle)))];
		const items = rows.map((r) => r.index).join(lang === 'zh' ? '、' : ', ');
		actions.push(ACTIONS[severity][lang].replace('{zones}', zones.join(lang === 'zh' ? '、' : ', ')).replace('{items}', items));
	}
	if (!conflicts.length)
		actions.push(lang === 'zh' ? '未发现冲突，可按程序继续办理选址、用地预审手续。' : 'No conflict found: the siting and land pre-review may proceed as usual.');
	if (illustrative)
		actions.push(
			lang === 'zh'
				? '本次核查所用管控数据为示意数据：正式审查前须以主管部门批准的数据重新核查。'
				: 'The zoning data checked is illustrative: check again against the approved data before the formal review.'
		);
	return { conclusion: CONCLUSIONS[verdict][lang], actions };
}
