import { provideRequestHeaders } from "@marquee/ui/trpc/request-headers";

// The console's extra request headers: a call made with `trpc: { context: { idempotencyKey } }`
// carries Idempotency-Key, so a repeated write (a double click on "Sell") replays its first answer.
provideRequestHeaders((contexts): Record<string, string> => {
  const idempotencyKey = contexts.map((context) => context.idempotencyKey).find((key): key is string => typeof key === "string");
  return idempotencyKey ? { "idempotency-key": idempotencyKey } : {};
});
