-- The held general-admission quantity per ticket type as a counter, split over slots
-- (TicketTypeHeld), kept by statement-level triggers on HoldItem in the transaction that writes
-- the hold items. marquee_place_hold's capacity check read SUM(quantity) over every live GA
-- HoldItem of the type: a scan that grows with the live holds (1.3-2.1 ms at 15,000 of them),
-- run under the capacity lock by every hold. It now sums at most 64 slot rows.
--
-- Slot: the writing connection's backend pid modulo 64, so one transaction always writes one slot
-- per type and concurrent connections rarely share one (sharing only means waiting on that row
-- until the other commits). Each statement writes its types' slots in type id order. A slot may
-- go negative (a hold placed through one connection and ended through another); the sum is exact.
-- Lock order with the capacity advisory locks: slot rows first (the HoldItem statement), then the
-- advisory lock, in marquee_place_hold and in finalizeSale alike (see finalize-sale.ts).

-- CreateTable
CREATE TABLE "TicketTypeHeld" (
    "ticketTypeId" UUID NOT NULL,
    "slot" SMALLINT NOT NULL,
    "quantity" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "TicketTypeHeld_pkey" PRIMARY KEY ("ticketTypeId","slot")
);

-- AddForeignKey
ALTER TABLE "TicketTypeHeld" ADD CONSTRAINT "TicketTypeHeld_ticketTypeId_fkey" FOREIGN KEY ("ticketTypeId") REFERENCES "TicketType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from the live GA hold items there are now (slot 0).
INSERT INTO "TicketTypeHeld" ("ticketTypeId", "slot", "quantity")
SELECT i."ticketTypeId", 0, SUM(i."quantity") FROM "HoldItem" i WHERE i."live" AND i."seatId" IS NULL GROUP BY i."ticketTypeId";

-- The change one statement made to live GA holdings, per type, applied to this connection's slot.
-- INSERT, UPDATE and DELETE each have their own trigger (a trigger with transition tables fires on
-- one event); the function reads whichever of new_items and old_items its trigger declares.
CREATE FUNCTION marquee_held_apply(p_delta jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Types deleted in the same statement (an event's cascade) have nothing left to count.
  INSERT INTO "TicketTypeHeld" AS h ("ticketTypeId", "slot", "quantity")
  SELECT d.type_id, pg_backend_pid() % 64, d.quantity
    FROM jsonb_to_recordset(p_delta) AS d(type_id uuid, quantity bigint)
    JOIN "TicketType" t ON t."id" = d.type_id
   WHERE d.quantity <> 0
   ORDER BY d.type_id
  ON CONFLICT ("ticketTypeId", "slot") DO UPDATE SET "quantity" = h."quantity" + EXCLUDED."quantity";
END
$$;

CREATE FUNCTION marquee_held_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM marquee_held_apply(COALESCE((
    SELECT jsonb_agg(jsonb_build_object('type_id', n."ticketTypeId", 'quantity', n.quantity))
      FROM (SELECT "ticketTypeId", SUM("quantity") AS quantity FROM new_items WHERE "live" AND "seatId" IS NULL GROUP BY "ticketTypeId") n), '[]'));
  RETURN NULL;
END
$$;

CREATE FUNCTION marquee_held_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM marquee_held_apply(COALESCE((
    SELECT jsonb_agg(jsonb_build_object('type_id', o."ticketTypeId", 'quantity', -o.quantity))
      FROM (SELECT "ticketTypeId", SUM("quantity") AS quantity FROM old_items WHERE "live" AND "seatId" IS NULL GROUP BY "ticketTypeId") o), '[]'));
  RETURN NULL;
END
$$;

CREATE FUNCTION marquee_held_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM marquee_held_apply(COALESCE((
    SELECT jsonb_agg(jsonb_build_object('type_id', c.type_id, 'quantity', c.quantity))
      FROM (SELECT type_id, SUM(quantity) AS quantity FROM (
              SELECT "ticketTypeId" AS type_id, "quantity" AS quantity FROM new_items WHERE "live" AND "seatId" IS NULL
              UNION ALL
              SELECT "ticketTypeId", -"quantity" FROM old_items WHERE "live" AND "seatId" IS NULL) changes
            GROUP BY type_id) c), '[]'));
  RETURN NULL;
END
$$;

CREATE TRIGGER "HoldItem_held_insert" AFTER INSERT ON "HoldItem" REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION marquee_held_on_insert();
CREATE TRIGGER "HoldItem_held_update" AFTER UPDATE ON "HoldItem" REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION marquee_held_on_update();
CREATE TRIGGER "HoldItem_held_delete" AFTER DELETE ON "HoldItem" REFERENCING OLD TABLE AS old_items
  FOR EACH STATEMENT EXECUTE FUNCTION marquee_held_on_delete();

-- marquee_place_hold as in 20261207020000_place_hold_prices, every line kept but the held sum.
CREATE OR REPLACE FUNCTION marquee_place_hold(
  p_hold_id uuid,
  p_event_id uuid,
  p_cart_id uuid,
  p_user_id uuid,
  p_expires_at timestamp(3),
  p_ga_type_ids uuid[],
  p_ga_quantities integer[],
  p_seat_ids uuid[],
  p_seat_type_ids uuid[],
  p_max_per_buyer integer,
  p_exclusive boolean,
  -- One entry per ticket type of the hold: its tier, demand-pricing version (or NULL), unit price,
  -- currency and tax rate (HoldPrice).
  p_price_type_ids uuid[],
  p_price_tier_ids uuid[],
  p_price_version_ids uuid[],
  p_unit_prices integer[],
  p_currencies text[],
  p_tax_rates integer[]
) RETURNS void
LANGUAGE plpgsql
-- Waiting longer than this on a capacity or buyer lock fails with 55P03 (INVENTORY_BUSY, retryable),
-- like the 10 s transaction timeout of the interactive transaction this replaces.
SET lock_timeout = '10s'
AS $$
DECLARE
  v_over uuid;
  v_total bigint;
  v_carts uuid[];
  v_holds uuid[];
  v_type uuid;
  v_headroom bigint;
  v_margin bigint;
  v_shared boolean;
BEGIN
  INSERT INTO "Hold" ("id", "eventId", "cartId", "expiresAt") VALUES (p_hold_id, p_event_id, p_cart_id, p_expires_at);

  -- The partial unique index HoldItem_live_seat_key refuses a seat that is in another live hold.
  INSERT INTO "HoldItem" ("id", "holdId", "eventId", "ticketTypeId", "seatId", "quantity")
  SELECT gen_random_uuid(), p_hold_id, p_event_id, ga.type_id, NULL, ga.quantity
    FROM unnest(p_ga_type_ids, p_ga_quantities) AS ga(type_id, quantity)
  UNION ALL
  SELECT gen_random_uuid(), p_hold_id, p_event_id, seat.type_id, seat.seat_id, 1
    FROM unnest(p_seat_ids, p_seat_type_ids) AS seat(seat_id, type_id);

  -- The prices the hold locks, rolled back with it on any refusal below.
  INSERT INTO "HoldPrice" ("holdId", "ticketTypeId", "priceTierId", "priceVersionId", "unitPriceMinor", "currency", "taxRateBp")
  SELECT p_hold_id, price.type_id, price.tier_id, price.version_id, price.unit_price, price.currency, price.tax_rate
    FROM unnest(p_price_type_ids, p_price_tier_ids, p_price_version_ids, p_unit_prices, p_currencies, p_tax_rates)
      AS price(type_id, tier_id, version_id, unit_price, currency, tax_rate);

  IF p_max_per_buyer IS NOT NULL THEN
    -- Serialises this buyer's concurrent holds (the account when signed in, else the cart).
    PERFORM pg_advisory_xact_lock(hashtextextended('buyer:' || COALESCE(p_user_id, p_cart_id)::text, 0));
    -- Driven from the buyer's carts in small steps (Cart by userId, Hold by cartId, HoldItem by
    -- holdId), so that even with stale statistics in the middle of a sale the planner looks up
    -- this buyer's rows instead of scanning every live hold of the event.
    v_carts := ARRAY[p_cart_id];
    IF p_user_id IS NOT NULL THEN
      v_carts := v_carts || ARRAY(SELECT c."id" FROM "Cart" c WHERE c."userId" = p_user_id AND c."id" <> p_cart_id);
    END IF;
    v_holds := ARRAY(SELECT h."id" FROM "Hold" h WHERE h."cartId" = ANY(v_carts));
    SELECT
      (SELECT COALESCE(SUM(i."quantity"), 0) FROM "HoldItem" i WHERE i."holdId" = ANY(v_holds) AND i."eventId" = p_event_id AND i."live")
    + (SELECT COALESCE(SUM(l."quantity"), 0) FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId"
        WHERE o."eventId" = p_event_id AND l."status" = 'ACTIVE' AND o."status" IN ('PENDING', 'PAID', 'PARTIALLY_REFUNDED')
          AND (o."cartId" = p_cart_id OR o."userId" = p_user_id))
    INTO v_total;
    IF v_total > p_max_per_buyer THEN
      RAISE EXCEPTION USING ERRCODE = 'MQ002', MESSAGE = 'marquee_place_hold: buyer limit exceeded', DETAIL = p_max_per_buyer::text;
    END IF;
  END IF;

  IF cardinality(p_ga_type_ids) > 0 THEN
    -- GA capacity under one advisory lock per type, in lock key order (see the header). Shared
    -- mode while every type keeps a wide margin, exclusive otherwise.
    -- Every transaction that can be in flight: sessions, and prepared transactions (which keep locks).
    v_margin := (current_setting('max_connections')::integer + current_setting('max_prepared_transactions')::integer - 1) * 10;
    v_shared := NOT p_exclusive AND NOT EXISTS (
      SELECT 1 FROM (SELECT type_id, SUM(quantity) AS quantity FROM unnest(p_ga_type_ids, p_ga_quantities) AS g(type_id, quantity) GROUP BY type_id) ga
        JOIN "TicketType" t ON t."id" = ga.type_id
       WHERE ga.quantity > 10 OR t."capacity" - t."soldCount" < v_margin);
    FOR v_type IN SELECT type_id FROM unnest(p_ga_type_ids) AS ga(type_id) ORDER BY hashtext(type_id::text), type_id LOOP
      IF v_shared THEN
        PERFORM pg_advisory_xact_lock_shared(hashtext('marquee:ga-capacity'), hashtext(v_type::text));
      ELSE
        PERFORM pg_advisory_xact_lock(hashtext('marquee:ga-capacity'), hashtext(v_type::text));
      END IF;
    END LOOP;
    -- A new snapshot (READ COMMITTED, volatile function), taken after the locks were granted.
    -- Held: the type's TicketTypeHeld slots (this hold's own items included, through the trigger
    -- on its HoldItem insert), instead of summing every live HoldItem of the type.
    SELECT t."id", t."capacity" - t."soldCount" - COALESCE((
          SELECT SUM(h."quantity") FROM "TicketTypeHeld" h WHERE h."ticketTypeId" = t."id"), 0)
      INTO v_over, v_headroom
      FROM "TicketType" t
      WHERE t."id" = ANY(p_ga_type_ids)
      ORDER BY 2, 1
      LIMIT 1;
    IF v_headroom < 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'MQ001', MESSAGE = 'marquee_place_hold: sold out', DETAIL = v_over::text;
    END IF;
    IF v_shared AND v_headroom < v_margin THEN
      -- Too close to capacity to count on the margin: the caller runs it again with p_exclusive.
      RAISE EXCEPTION USING ERRCODE = 'MQ003', MESSAGE = 'marquee_place_hold: needs the exclusive capacity lock', DETAIL = v_over::text;
    END IF;
  END IF;
END
$$;
