-- Which layers have been loaded, and how. A layer listed here is expected to hold rows:
-- /healthz reports one that holds none. The app's start seeds (embedded backend) only
-- layers not listed here, each in one transaction together with its row here, so a start
-- killed midway is finished by the next one instead of leaving layers empty for good.
CREATE TABLE layer_load (
	layer text PRIMARY KEY,
	-- seed: the shipped dataset; import: the importer; existing: found holding rows
	-- (data loaded before this table existed, or by other means).
	source text NOT NULL CHECK (source IN ('seed', 'import', 'existing')),
	loaded_at timestamptz NOT NULL DEFAULT now()
);
