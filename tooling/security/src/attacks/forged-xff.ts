// Rate limits that cannot be side-stepped: with TRUSTED_PROXIES empty, a client at 127.0.0.1 that
// writes a different X-Forwarded-For on every request is still one client. cart.create is limited
// per address by the "join" policy (JOIN_LIMIT_PER_MINUTE in this stack); every request accepted
// beyond the limit got through. The targets share the 127.0.0.1 bucket, so one limit covers all.
import { JOIN_LIMIT_PER_MINUTE } from "../stack.ts";
import type { Attack } from "./types.ts";

const BEYOND = 10;

let forged = 0;
/** A new documentation-range address (RFC 5737) per request. */
const nextForgedAddress = () => {
  forged += 1;
  return `203.0.${113 + Math.floor(forged / 250)}.${(forged % 250) + 1}`;
};

export const forgedXff: Attack = {
  name: "forged X-Forwarded-For",
  async run(context, tally) {
    const targets: { name: string; url: string; body: string; headers: Record<string, string> }[] = [
      { name: "api REST POST /api/v1/carts", url: `${context.urls.api}/api/v1/carts`, body: "{}", headers: {} },
      { name: "web REST POST /api/v1/carts", url: `${context.urls.web}/api/v1/carts`, body: "{}", headers: {} },
      {
        name: "web tRPC cart.create",
        url: `${context.urls.web}/api/trpc/cart.create`,
        body: '{"json":null}',
        headers: { "x-trpc-source": "security", origin: new URL(context.urls.web).origin },
      },
    ];
    for (const target of targets) {
      let accepted = 0;
      let limited = 0;
      for (let i = 0; i < JOIN_LIMIT_PER_MINUTE + BEYOND; i++) {
        const response = await fetch(target.url, {
          method: "POST",
          headers: { ...target.headers, "content-type": "application/json", "x-forwarded-for": nextForgedAddress() },
          body: target.body,
        });
        await response.body?.cancel();
        if (response.ok) accepted += 1;
        else if (response.status === 429) limited += 1;
        else throw new Error(`${target.name} answered ${response.status}`);
      }
      tally.add(
        `${target.name}, ${accepted} accepted and ${limited} limited of ${JOIN_LIMIT_PER_MINUTE + BEYOND} (limit ${JOIN_LIMIT_PER_MINUTE})`,
        BEYOND,
        Math.max(0, accepted - JOIN_LIMIT_PER_MINUTE),
      );
    }
  },
};
