-- Guards that Prisma's schema language cannot express, written by hand. The schema engine leaves
-- CHECK constraints it does not model alone, so db:migrate:new keeps them. (No semicolons in
-- comments: the pg adapter splits scripts on them.)

-- General admission never sells past capacity, whatever the code above does.
ALTER TABLE "TicketType" ADD CONSTRAINT "TicketType_sold_within_capacity"
  CHECK ("soldCount" >= 0 AND ("capacity" IS NULL OR "soldCount" <= "capacity"));
ALTER TABLE "TicketType" ADD CONSTRAINT "TicketType_capacity_nonnegative" CHECK ("capacity" IS NULL OR "capacity" >= 0);
ALTER TABLE "TicketType" ADD CONSTRAINT "TicketType_order_limits"
  CHECK ("minPerOrder" >= 1 AND ("maxPerOrder" IS NULL OR "maxPerOrder" >= "minPerOrder"));
ALTER TABLE "PriceTier" ADD CONSTRAINT "PriceTier_sold_within_limit"
  CHECK ("soldCount" >= 0 AND ("quantityLimit" IS NULL OR "soldCount" <= "quantityLimit"));
ALTER TABLE "PriceTier" ADD CONSTRAINT "PriceTier_price_nonnegative" CHECK ("priceMinor" >= 0 AND "taxRateBp" BETWEEN 0 AND 10000);
ALTER TABLE "Voucher" ADD CONSTRAINT "Voucher_redemptions_within_limit"
  CHECK ("redeemedCount" >= 0 AND ("maxRedemptions" IS NULL OR "redeemedCount" <= "maxRedemptions"));
ALTER TABLE "Voucher" ADD CONSTRAINT "Voucher_amount_valid"
  CHECK ("amount" > 0 AND ("kind" <> 'PERCENT' OR "amount" <= 10000) AND ("kind" <> 'FIXED' OR "currency" IS NOT NULL));

-- Events: sane windows and settings.
ALTER TABLE "Event" ADD CONSTRAINT "Event_times_ordered" CHECK ("endsAt" >= "startsAt" AND ("offSaleAt" IS NULL OR "offSaleAt" > "onSaleAt"));
ALTER TABLE "Event" ADD CONSTRAINT "Event_hold_ttl_range" CHECK ("holdTtlSeconds" BETWEEN 60 AND 3600);
ALTER TABLE "Event" ADD CONSTRAINT "Event_limits_positive" CHECK ("maxPerOrder" >= 1 AND ("maxPerBuyer" IS NULL OR "maxPerBuyer" >= 1));
ALTER TABLE "Event" ADD CONSTRAINT "Event_overbook_range" CHECK ("waitingRoomOverbookPct" BETWEEN 50 AND 1000);
ALTER TABLE "Event" ADD CONSTRAINT "Event_admission_ttl_range" CHECK ("admissionTtlSeconds" BETWEEN 30 AND 3600);
ALTER TABLE "Event" ADD CONSTRAINT "Event_reserved_has_map" CHECK ("seatingMode" <> 'RESERVED' OR "seatMapId" IS NOT NULL);

-- A named seat is one admission.
ALTER TABLE "HoldItem" ADD CONSTRAINT "HoldItem_quantity_valid" CHECK ("quantity" >= 1 AND ("seatId" IS NULL OR "quantity" = 1));
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_quantity_valid" CHECK ("quantity" >= 1 AND ("seatId" IS NULL OR "quantity" = 1));

-- Money is never negative and refunds never exceed what was paid.
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_money_valid"
  CHECK ("unitPriceMinor" >= 0 AND "discountMinor" >= 0 AND "taxMinor" >= 0 AND "totalMinor" >= 0);
ALTER TABLE "Order" ADD CONSTRAINT "Order_money_valid"
  CHECK ("subtotalMinor" >= 0 AND "discountMinor" >= 0 AND "taxMinor" >= 0 AND "totalMinor" >= 0
         AND "refundedMinor" >= 0 AND "refundedMinor" <= "totalMinor");
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_money_valid"
  CHECK ("amountMinor" >= 0 AND "capturedMinor" >= 0 AND "capturedMinor" <= "amountMinor");
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_amount_positive" CHECK ("amountMinor" > 0);
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_number_positive" CHECK ("number" >= 1);
ALTER TABLE "InvoiceSequence" ADD CONSTRAINT "InvoiceSequence_next_positive" CHECK ("nextNumber" >= 1);

-- Currencies are ISO-4217 codes; e-mail addresses are stored lower-cased.
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "Event" ADD CONSTRAINT "Event_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "Order" ADD CONSTRAINT "Order_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "User" ADD CONSTRAINT "User_email_lowercase" CHECK ("email" = lower("email"));
