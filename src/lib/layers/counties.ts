import type { Localized } from './types';

/** The seven county-level units, by the Chinese name stored in `county` columns. */
export const COUNTIES: Record<string, Localized> = {
	昌吉市: { zh: '昌吉市', en: 'Changji' },
	阜康市: { zh: '阜康市', en: 'Fukang' },
	呼图壁县: { zh: '呼图壁县', en: 'Hutubi' },
	玛纳斯县: { zh: '玛纳斯县', en: 'Manas' },
	吉木萨尔县: { zh: '吉木萨尔县', en: 'Jimsar' },
	奇台县: { zh: '奇台县', en: 'Qitai' },
	木垒哈萨克自治县: { zh: '木垒哈萨克自治县', en: 'Mori (Mulei)' }
};
