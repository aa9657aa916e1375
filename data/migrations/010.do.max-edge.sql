-- A bound on the longest edge of every zoning feature, in planar degrees (√(Δlon² + Δlat²)),
-- kept by the database itself. The conflict check clips its candidates to a box around the
-- footprint; an edge cut by that box loses its geodesic (a cut piece bows differently), so the
-- box is grown per row by this bound: every edge that can come near the footprint then stays
-- whole. See src/lib/server/check/candidates.ts.
-- The bound is the smallest power of two (from 1/1024°, ~100 m) that ST_Segmentize does not
-- split any edge at: at most twice the longest edge, and ~5× cheaper to find than the exact
-- maximum over ST_DumpSegments (2.2 s vs 11 s for 6.4 M vertices).
CREATE FUNCTION max_edge_bound(g geometry) RETURNS float8
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
	n integer := ST_NPoints(g);
	l float8 := 1.0 / 1024;
BEGIN
	WHILE l < 512 LOOP
		IF ST_NPoints(ST_Segmentize(g, l)) = n THEN RETURN l; END IF;
		l := l * 2;
	END LOOP;
	RETURN l;
END $$;

ALTER TABLE ecological_redline ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_bound(geom)) STORED;
ALTER TABLE control_unit ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_bound(geom)) STORED;
ALTER TABLE sand_closure_reserve ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_bound(geom)) STORED;
ALTER TABLE mine_restoration ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_bound(geom)) STORED;
ALTER TABLE coal_fire ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_bound(geom)) STORED;
ALTER TABLE water_source_protection ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_bound(geom)) STORED;
ALTER TABLE permanent_basic_farmland ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_bound(geom)) STORED;
ALTER TABLE urban_development_boundary ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_bound(geom)) STORED;
