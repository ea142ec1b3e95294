// Sessions that really end: a cookie copied before sign-out is refused on the next request, on
// the app that issued it (and, for the shop's cookie, on the standalone API server).
import { signIn, signOut } from "../http.ts";
import { probe } from "./cookie-swap.ts";
import type { Attack } from "./types.ts";

export const sessionReplay: Attack = {
  name: "replayed after sign-out",
  async run(context, tally) {
    const { fixtures } = context;
    const cases = [
      { app: "web", email: fixtures.buyerEmail, targets: ["web", "api"] },
      { app: "admin", email: fixtures.a.ownerEmail, targets: ["admin"] },
      { app: "checkin", email: fixtures.a.ownerEmail, targets: ["checkin"] },
    ] as const;
    for (const { app, email, targets } of cases) {
      const copied = await signIn(context.urls[app], app, email, fixtures.password);
      if (!copied) throw new Error(`${app} refused a password sign-in`);
      const before = await probe(context, app, copied);
      if (before.status !== 200) throw new Error(`${app} answers ${before.status} to a fresh session cookie`);
      await signOut(context.urls[app], app, copied);
      for (const target of targets) {
        const answer = await probe(context, target, copied);
        tally.check(`${app}'s cookie copied before sign-out still accepted by ${target} (${answer.status})`, answer.status === 200);
      }
    }
  },
};
