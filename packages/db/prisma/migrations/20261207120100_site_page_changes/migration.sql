-- The customer site keeps shared copies of its listing and event pages (apps/web, page-cache.ts).
-- When the console changes what those pages show, the change's commit notifies the channel
-- marquee_site_pages with the slugs of the events it touched (space-separated), or * when it
-- cannot say (a venue of many events). Sales do not notify: counters (soldCount) and updatedAt
-- are left out of the comparison, as is the search column its own trigger keeps.
-- Written by hand (Prisma does not model functions or triggers, so the schema and the drift check
-- are unchanged). Listened to by packages/api/src/services/event/site-changes.ts.
CREATE FUNCTION marquee_notify_site_pages() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  v_row jsonb := to_jsonb(COALESCE(NEW, OLD));
  v_slugs text;
BEGIN
  IF TG_TABLE_NAME = 'Event' THEN
    v_slugs := concat_ws(' ', v_row ->> 'slug', CASE WHEN TG_OP = 'UPDATE' AND OLD."slug" <> NEW."slug" THEN OLD."slug" END);
  ELSIF TG_TABLE_NAME = 'TicketType' THEN
    SELECT event."slug" INTO v_slugs FROM "Event" AS event WHERE event."id" = (v_row ->> 'eventId')::uuid;
  ELSIF TG_TABLE_NAME = 'PriceTier' THEN
    SELECT event."slug" INTO v_slugs
      FROM "TicketType" AS type JOIN "Event" AS event ON event."id" = type."eventId"
      WHERE type."id" = (v_row ->> 'ticketTypeId')::uuid;
  ELSE
    SELECT string_agg(event."slug", ' ') INTO v_slugs FROM "Event" AS event WHERE event."venueId" = (v_row ->> 'id')::uuid;
  END IF;
  IF v_slugs IS NULL OR length(v_slugs) > 7000 THEN
    v_slugs := '*';
  END IF;
  PERFORM pg_notify('marquee_site_pages', v_slugs);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Event_site_pages_written" AFTER INSERT OR DELETE ON "Event"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_site_pages();
CREATE TRIGGER "Event_site_pages_changed" AFTER UPDATE ON "Event"
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'updatedAt' - 'searchText') IS DISTINCT FROM (to_jsonb(NEW) - 'updatedAt' - 'searchText'))
  EXECUTE FUNCTION marquee_notify_site_pages();

CREATE TRIGGER "TicketType_site_pages_written" AFTER INSERT OR DELETE ON "TicketType"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_site_pages();
CREATE TRIGGER "TicketType_site_pages_changed" AFTER UPDATE ON "TicketType"
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'soldCount' - 'updatedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'soldCount' - 'updatedAt'))
  EXECUTE FUNCTION marquee_notify_site_pages();

CREATE TRIGGER "PriceTier_site_pages_written" AFTER INSERT OR DELETE ON "PriceTier"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_site_pages();
CREATE TRIGGER "PriceTier_site_pages_changed" AFTER UPDATE ON "PriceTier"
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'soldCount' - 'updatedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'soldCount' - 'updatedAt'))
  EXECUTE FUNCTION marquee_notify_site_pages();

CREATE TRIGGER "Venue_site_pages_changed" AFTER UPDATE ON "Venue"
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'updatedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'updatedAt'))
  EXECUTE FUNCTION marquee_notify_site_pages();
