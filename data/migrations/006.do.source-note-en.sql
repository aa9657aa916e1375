-- Each feature's provenance note in English too (source_note stays the Chinese one):
-- the public card shows the note in the reader's language.
ALTER TABLE ecological_redline ADD COLUMN source_note_en text;
ALTER TABLE control_unit ADD COLUMN source_note_en text;
ALTER TABLE sand_closure_reserve ADD COLUMN source_note_en text;
ALTER TABLE mine_restoration ADD COLUMN source_note_en text;
ALTER TABLE coal_fire ADD COLUMN source_note_en text;
ALTER TABLE water_source_protection ADD COLUMN source_note_en text;
ALTER TABLE county ADD COLUMN source_note_en text;
ALTER TABLE town ADD COLUMN source_note_en text;
ALTER TABLE river ADD COLUMN source_note_en text;
ALTER TABLE lake ADD COLUMN source_note_en text;
ALTER TABLE monitoring_station ADD COLUMN source_note_en text;
