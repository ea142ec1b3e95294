-- marquee_place_hold with the hold's prices: the same guard as 20261126152000_place_hold (every
-- line of its logic and its comments kept), plus the unit price the hold locks per ticket type,
-- inserted as HoldPrice rows in the same statement (what the buyer sees beside the countdown is
-- what checkout charges; services/pricing/current-prices.ts gives the prices). The old signature
-- is dropped so no caller can make a hold without prices by accident.
DROP FUNCTION marquee_place_hold(uuid, uuid, uuid, uuid, timestamp(3), uuid[], integer[], uuid[], uuid[], integer, boolean);

-- marquee_place_hold: the PostgreSQL guard of a hold in ONE statement (one client round trip),
-- written by hand. Prisma does not model functions, so the schema and the drift check are
-- unchanged. Called by packages/api/src/services/booking/persist-hold.ts, which maps the errors:
--   23505 on HoldItem_live_seat_key  -> SEAT_TAKEN (a seat in two live holds)
--   MQ001, DETAIL the ticket type id -> SOLD_OUT (GA capacity)
--   MQ002, DETAIL the limit          -> LIMIT_EXCEEDED (per buyer)
--   MQ003                            -> run again with p_exclusive (see below)
--   55P03 (lock_timeout), 40P01, 40001 -> INVENTORY_BUSY (retryable)
-- A refusal raises, so the whole statement (Hold and HoldItems included) rolls back.
--
-- GA capacity without a hot row: each GA type has a transaction advisory lock, taken after the
-- inserts (so the hold's own items are in the sum that follows) and held until commit.
--   Exclusive mode: the sum sees every hold of the type that committed before, and no other
--   hold of the type is in flight, so capacity - soldCount - sum >= 0 is exact (the old row lock).
--   Shared mode, only when the hold takes at most 10 of the type and the type keeps a margin:
--   holds run in parallel, and each may not see the others in flight. Those are at most
--   max_connections + max_prepared_transactions - 1 transactions (each holds the shared lock
--   from before its sum until its commit, and an exclusive holder excludes them all), each
--   adding at most 10. So if every shared hold checks capacity - soldCount - sum >= that many
--   * 10 = the margin, the hold whose sum came last saw all but those in flight, and the total
--   stays within capacity. A shared hold that finds less than the margin raises MQ003 and the caller runs it
--   again in exclusive mode (the last margin of a large type, and every type smaller than the
--   margin, go exclusive at once).
-- It must run in a transaction of its own (one statement, autocommit), as persistHold calls it:
-- two calls in one transaction could add 20 of a type under one shared lock.
-- Checkout must keep "held + sold" constant in one transaction (live = false with soldCount up),
-- and anything else that raises soldCount must take the exclusive lock.
--
-- Locks, always in this order (deadlock-free: nothing else takes them in another order):
--   1. the inserts: waits on HoldItem_live_seat_key in seat id order (the caller sorts the seats),
--      FOR KEY SHARE on the ticket types through the HoldItem foreign key,
--   2. the buyer's transaction advisory lock (only when the event has maxPerBuyer),
--   3. the GA types' capacity locks in key order (two types whose keys collide share a lock,
--      which costs only parallelism), one mode for the whole hold (never an upgrade: MQ003
--      rolls back and starts again).
CREATE FUNCTION marquee_place_hold(
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
    SELECT t."id", t."capacity" - t."soldCount" - COALESCE((
          SELECT SUM(i."quantity") FROM "HoldItem" i WHERE i."ticketTypeId" = t."id" AND i."live" AND i."seatId" IS NULL), 0)
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
