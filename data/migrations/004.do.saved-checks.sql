-- Saved checks: the planner's check of record, kept as it was answered, and the share
-- links that let people without an account read one.

-- A saved check is immutable: the answer, the zone geometries drawn with it and the data
-- versions are those of the moment it was saved. A re-run is a new row pointing at the old.
CREATE TABLE saved_check (
	id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	rerun_of integer REFERENCES saved_check (id),
	-- The check's own identity (same input + data + engine → same report id).
	report_id text NOT NULL,
	author_id integer NOT NULL REFERENCES users (id),
	-- The author's name as it was when saved: the record must not change with the account.
	author_name text NOT NULL,
	project_name text NOT NULL CHECK (length(project_name) BETWEEN 1 AND 200),
	developer text NOT NULL CHECK (length(developer) BETWEEN 1 AND 200),
	notes text CHECK (length(notes) <= 4000),
	project_type text NOT NULL,
	verdict text NOT NULL,
	-- Counties the footprint touches (for the list's county filter).
	counties text[] NOT NULL DEFAULT '{}',
	-- How the footprint was given: typed coordinates or a file, and their CRS.
	input_text text,
	input_file text,
	input_crs text,
	footprint geometry(Geometry, 4326) NOT NULL,
	-- The full answer of POST /api/check, the conflicting zones cut for the map, as saved.
	answer jsonb NOT NULL,
	zones jsonb NOT NULL,
	data_versions jsonb NOT NULL,
	engine_version text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX saved_check_author ON saved_check (author_id, created_at DESC);
CREATE INDEX saved_check_created ON saved_check (created_at DESC);
CREATE INDEX saved_check_footprint ON saved_check USING gist (footprint);

CREATE FUNCTION saved_check_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'saved checks are immutable: save a re-run instead';
END $$;

CREATE TRIGGER saved_check_immutable BEFORE UPDATE OR DELETE ON saved_check
	FOR EACH ROW EXECUTE FUNCTION saved_check_immutable();

-- A share link: the token is shown once; only its SHA-256 is kept. Revoked links stay
-- (who revoked, when) so the audit trail and the planner's list can say so.
CREATE TABLE check_share (
	id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	check_id integer NOT NULL REFERENCES saved_check (id),
	token_hash text NOT NULL UNIQUE,
	created_by integer NOT NULL REFERENCES users (id),
	created_at timestamptz NOT NULL DEFAULT now(),
	revoked_by integer REFERENCES users (id),
	revoked_at timestamptz
);

CREATE INDEX check_share_check ON check_share (check_id);
