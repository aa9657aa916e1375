-- The longest edge of every zoning feature, in planar degrees (√(Δlon² + Δlat²)), kept by the
-- database itself. The conflict check clips its candidates to a box around the footprint; an
-- edge cut by that box loses its geodesic (a cut piece bows differently), so the box is grown
-- per row by its longest edge: every edge that can come near the footprint then stays whole.
-- See src/lib/server/check/candidates.ts. Zero for a geometry without edges.
CREATE FUNCTION max_edge_degrees(g geometry) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT coalesce(max(ST_Length(s.geom)), 0) FROM ST_DumpSegments(g) s
$$;

ALTER TABLE ecological_redline ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_degrees(geom)) STORED;
ALTER TABLE control_unit ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_degrees(geom)) STORED;
ALTER TABLE sand_closure_reserve ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_degrees(geom)) STORED;
ALTER TABLE mine_restoration ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_degrees(geom)) STORED;
ALTER TABLE coal_fire ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_degrees(geom)) STORED;
ALTER TABLE water_source_protection ADD COLUMN max_edge_deg float8 GENERATED ALWAYS AS (max_edge_degrees(geom)) STORED;
