-- The public search through an index (issue 16, goal 5). Event."searchText" holds, in lower case,
-- the event's name in every language and its venue's name and city, so one trigram (pg_trgm) GIN
-- index answers "contains this word" for all of them. services/event/list-public-events.ts narrows
-- by it and then applies its exact per-field rules to what the index found.
-- Triggers keep the column, written by hand (Prisma does not model functions or triggers, so the
-- schema and the drift check see only the column and its index): on an event's insert or a change
-- of its name, translations or venue, and on a venue's rename or move to another city.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Event_searchText_idx" ON "Event" USING GIN ("searchText" gin_trgm_ops);

CREATE FUNCTION marquee_event_search_text() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW."searchText" := lower(concat_ws(' ',
    NEW."name",
    (SELECT string_agg(entry.value ->> 'name', ' ')
       FROM jsonb_each(CASE WHEN jsonb_typeof(NEW."translations") = 'object' THEN NEW."translations" ELSE '{}'::jsonb END) AS entry),
    (SELECT concat_ws(' ', venue."name", venue."city") FROM "Venue" AS venue WHERE venue."id" = NEW."venueId")));
  RETURN NEW;
END
$$;

CREATE TRIGGER "Event_searchText" BEFORE INSERT OR UPDATE OF "name", "translations", "venueId" ON "Event"
  FOR EACH ROW EXECUTE FUNCTION marquee_event_search_text();

CREATE FUNCTION marquee_venue_search_text() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE "Event" SET "venueId" = "venueId" WHERE "venueId" = NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Venue_searchText" AFTER UPDATE OF "name", "city" ON "Venue"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."city" IS DISTINCT FROM NEW."city")
  EXECUTE FUNCTION marquee_venue_search_text();

-- Events made before this migration.
UPDATE "Event" SET "venueId" = "venueId";
