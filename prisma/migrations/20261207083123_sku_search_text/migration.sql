-- AlterTable
ALTER TABLE "sku" ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- The stock search (server/queries/get-sku-rows.ts) matched a regular expression over code, name and
-- tags of every SKU on every search (~1–3 s at 100,000 SKUs, docs/PERFORMANCE.md#stock-list). The
-- normalised text is stored once per change instead. A trigger, not a generated column:
-- array_to_string is not immutable.
CREATE FUNCTION onepool_sku_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := regexp_replace(lower(NEW.code || ' ' || NEW.name || ' ' || array_to_string(NEW.tags, ' ')), '[[:punct:][:space:]]+', '', 'g');
  RETURN NEW;
END $$;

CREATE TRIGGER sku_search_text BEFORE INSERT OR UPDATE OF code, name, tags, search_text ON sku
  FOR EACH ROW EXECUTE FUNCTION onepool_sku_search_text();

UPDATE sku SET search_text = regexp_replace(lower(code || ' ' || name || ' ' || array_to_string(tags, ' ')), '[[:punct:][:space:]]+', '', 'g');
