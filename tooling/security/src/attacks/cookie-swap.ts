// One session, one app: a session cookie issued by one app, presented under another app's cookie
// name, must be refused there (the apps share AUTH_SECRET, so only an `app` claim tells them apart).
import { cookieNameOf, signIn, trpc, type AppName } from "../http.ts";
import type { Attack, AttackContext } from "./types.ts";

interface Probe {
  /** Where the cookie is presented; "api" is the standalone server, which reads the shop's cookie. */
  target: AppName | "api";
  path: string;
  type: "query" | "mutation";
  input: unknown;
}

/** A read on each server that needs a signed-in session (and, on the console and scanner, an organiser). */
export function sessionProbes(context: AttackContext): Record<Probe["target"], Probe> {
  const organizationId = context.fixtures.a.organizationId;
  return {
    web: { target: "web", path: "account.me", type: "query", input: undefined },
    api: { target: "api", path: "account.me", type: "query", input: undefined },
    admin: { target: "admin", path: "event.listForOrganization", type: "query", input: { organizationId } },
    checkin: { target: "checkin", path: "checkin.events", type: "query", input: { organizationId } },
  };
}

export const urlOf = (context: AttackContext, target: Probe["target"]): string => context.urls[target];
/** The cookie name a target reads the session from. */
export const cookieNameFor = (target: Probe["target"]): string => cookieNameOf(target === "api" ? "web" : target);

export async function probe(context: AttackContext, target: Probe["target"], session: string) {
  const { path, type, input } = sessionProbes(context)[target];
  return trpc(urlOf(context, target), path, input, { type, cookies: { [cookieNameFor(target)]: session } });
}

/** Password sign-in of the organiser of tenant A to each app; throws when an app refuses its own sign-in. */
export async function signInEverywhere(context: AttackContext, email: string): Promise<Record<AppName, string>> {
  const sessions = {} as Record<AppName, string>;
  for (const app of ["web", "admin", "checkin"] as const) {
    const session = await signIn(context.urls[app], app, email, context.fixtures.password);
    if (!session) throw new Error(`${app} refused the organiser's own password sign-in`);
    sessions[app] = session;
  }
  return sessions;
}

export const cookieSwap: Attack = {
  name: "cookie swapped between apps",
  async run(context, tally) {
    const sessions = await signInEverywhere(context, context.fixtures.a.ownerEmail);
    // Each probe must accept its own app's cookie, or a refusal below would prove nothing.
    for (const target of ["web", "api", "admin", "checkin"] as const) {
      const own = await probe(context, target, sessions[target === "api" ? "web" : target]);
      if (own.status !== 200) throw new Error(`${target} answers ${own.status} to its own session cookie on ${sessionProbes(context)[target].path}`);
    }
    for (const source of ["web", "admin", "checkin"] as const) {
      for (const target of ["web", "api", "admin", "checkin"] as const) {
        if (target === source || (target === "api" && source === "web")) continue;
        const answer = await probe(context, target, sessions[source]);
        tally.check(
          `${source}'s session cookie accepted by ${target} (${sessionProbes(context)[target].path} answered ${answer.status})`,
          answer.status === 200,
        );
      }
    }
  },
};
