/** The Soketi event on the event's public channel (`event-<eventId>`, beside `availability`) when a price changes. */
export const PRICE_EVENT = "price";
