-- What a reviewer's report needs from a saved check, kept with it so the report never changes:
-- where the footprint lies (counties it touches, nearest towns) and its points in the CRS the
-- planner entered them in (plane coordinates or GCJ-02; NULL when entered as lon/lat).
-- Records saved before this keep NULL: their location is computed when read.
ALTER TABLE saved_check ADD COLUMN location jsonb;
ALTER TABLE saved_check ADD COLUMN input_points jsonb;
