-- Field inspections and their photos (issue "Field teams on tablets").

-- Photos by content hash: a retried upload is stored once, and a bureau's backup of the
-- field work is one database dump.
CREATE TABLE field_photo (
	sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	mime text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
	bytes bytea NOT NULL,
	size integer NOT NULL CHECK (size > 0),
	width integer NOT NULL CHECK (width > 0),
	height integer NOT NULL CHECK (height > 0),
	uploaded_by integer REFERENCES users (id),
	created_at timestamptz NOT NULL DEFAULT now()
);

-- One inspection of one site ({layer}/{site_id}). The id is made by the tablet, so a
-- replayed sync finds its own row. `version` grows on every change (409 when stale);
-- a deleted inspection keeps its row (soft delete) so the audit trail still points at it.
-- `body` is the inspection as sent (minus baseVersion); status_change, restored_ha and
-- inspected_at are copied out of it for the status of record.
CREATE TABLE field_inspection (
	id uuid PRIMARY KEY,
	layer text NOT NULL,
	site_id integer NOT NULL,
	version integer NOT NULL DEFAULT 1,
	inspector_id integer NOT NULL REFERENCES users (id),
	inspected_at timestamptz NOT NULL,
	status_change text,
	restored_ha numeric CHECK (restored_ha >= 0),
	body jsonb NOT NULL,
	deleted_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX field_inspection_site ON field_inspection (layer, site_id, inspected_at DESC);

-- The hash of the body each version was written with: a replayed write (same id, same
-- base version, same body) is recognised even after later versions, and changes nothing.
CREATE TABLE field_inspection_revision (
	inspection_id uuid NOT NULL REFERENCES field_inspection (id),
	version integer NOT NULL,
	body_sha256 text NOT NULL,
	PRIMARY KEY (inspection_id, version)
);

-- Which photos an inspection refers to: a photo is never deleted while one does.
CREATE TABLE field_inspection_photo (
	inspection_id uuid NOT NULL REFERENCES field_inspection (id),
	sha256 text NOT NULL REFERENCES field_photo (sha256),
	PRIMARY KEY (inspection_id, sha256)
);

-- The status of record of a site: the latest accepted (stored, not deleted) inspection
-- that recorded a status, else the row's own. Tiles, features, downloads, the summary and
-- /progress all read it through this function, so they cannot disagree.
CREATE FUNCTION field_status_of_record(p_layer text, p_site integer, p_data text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce((
		SELECT status_change FROM field_inspection
		WHERE layer = p_layer AND site_id = p_site AND deleted_at IS NULL AND status_change IS NOT NULL
		ORDER BY inspected_at DESC, updated_at DESC LIMIT 1
	), p_data)
$$;

-- Restored hectares of record, the same way.
CREATE FUNCTION field_restored_of_record(p_layer text, p_site integer, p_data numeric) RETURNS numeric
LANGUAGE sql STABLE AS $$
	SELECT coalesce((
		SELECT restored_ha FROM field_inspection
		WHERE layer = p_layer AND site_id = p_site AND deleted_at IS NULL AND restored_ha IS NOT NULL
		ORDER BY inspected_at DESC, updated_at DESC LIMIT 1
	), p_data)
$$;

-- An inspection that can change what a layer's tiles show bumps that layer's data version
-- (as the layer tables' own triggers do), so no cached tile outlives it.
CREATE FUNCTION bump_inspected_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	affected text;
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF NEW.status_change IS NULL AND NEW.restored_ha IS NULL THEN RETURN NULL; END IF;
		affected := NEW.layer;
	ELSE
		IF NEW.status_change IS NOT DISTINCT FROM OLD.status_change
			AND NEW.restored_ha IS NOT DISTINCT FROM OLD.restored_ha
			AND NEW.inspected_at = OLD.inspected_at
			AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at THEN RETURN NULL; END IF;
		IF NEW.status_change IS NULL AND OLD.status_change IS NULL
			AND NEW.restored_ha IS NULL AND OLD.restored_ha IS NULL THEN RETURN NULL; END IF;
		affected := NEW.layer;
	END IF;
	INSERT INTO layer_version AS lv (layer, version, updated_at)
	VALUES (affected, (extract(epoch FROM clock_timestamp()) * 1000)::bigint, now())
	ON CONFLICT (layer) DO UPDATE
		SET version = greatest(lv.version + 1, EXCLUDED.version), updated_at = now();
	RETURN NULL;
END $$;

CREATE TRIGGER field_inspection_version AFTER INSERT OR UPDATE ON field_inspection
	FOR EACH ROW EXECUTE FUNCTION bump_inspected_layer_version();
