-- A status for the two field layers that had none, so a field team can record a change
-- there as on mines and coal fires (issue "Field teams on tablets").
--   Sand-closure reserves: planned → closed (封禁中, the closure in force) → accepted (已验收).
--   Drinking-water source zones, their protection works: planned (待整治) → under_way →
--   completed. The plan (2026–30) names source-protection works in Mori, Jimsar, Hutubi
--   and Manas; every other source finished its "划、立、治" in 2021–25.
-- Existing rows get those starting values; an import may give its own.
ALTER TABLE sand_closure_reserve ADD COLUMN status text CHECK (status IN ('planned', 'closed', 'accepted'));
UPDATE sand_closure_reserve SET status = 'closed';

ALTER TABLE water_source_protection ADD COLUMN status text CHECK (status IN ('planned', 'under_way', 'completed'));
UPDATE water_source_protection
	SET status = CASE WHEN county IN ('木垒哈萨克自治县', '吉木萨尔县', '呼图壁县', '玛纳斯县') THEN 'planned' ELSE 'completed' END;
