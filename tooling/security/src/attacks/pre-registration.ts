// Account pre-registration takeover: a squatter signs up with someone else's address and a
// password. Until the address is proven, that password must not sign in; once the owner proves
// the address with an e-mailed link, the squatter's password and sessions must be gone.
import { uniqueSuffix } from "@marquee/db/testing";
import { cookieNameOf, mailsTo, pollFor, requestSignInLink, setCookies, signIn, trpc } from "../http.ts";
import type { Attack, AttackContext } from "./types.ts";

const SQUATTER_PASSWORD = "squatter-password-0123";

/** The owner opens the newest sign-in link mailed to the address (asking for one first). */
async function proveAddress(context: AttackContext, email: string): Promise<void> {
  const { web, mail } = context.urls;
  await requestSignInLink(web, email);
  const linkPattern = new RegExp(`${web.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/api/auth/callback/email\\?\\S+`);
  const link = await pollFor(
    async () => {
      for (const message of await mailsTo(mail, email)) {
        const found = linkPattern.exec(message.text ?? "")?.[0];
        if (found) return found;
      }
      return undefined;
    },
    15_000,
    `a sign-in link mailed to ${email}`,
  );
  const response = await fetch(link, { redirect: "manual" });
  await response.body?.cancel();
  if (!setCookies(response)[cookieNameOf("web")]) throw new Error(`following the e-mailed link answered ${response.status} without a session`);
  const user = await context.fixtures.db.user.findUniqueOrThrow({ where: { email } });
  if (!user.emailVerifiedAt) throw new Error("the e-mailed link did not prove the address");
}

export const preRegistration: Attack = {
  name: "pre-registration takeover",
  async run(context, tally) {
    const { web } = context.urls;
    const email = `victim-${uniqueSuffix()}@example.test`;
    const signUp = await trpc(web, "account.signUp", { name: "Squatter", email, password: SQUATTER_PASSWORD }, { type: "mutation" });
    if (signUp.status !== 200) throw new Error(`account.signUp answered ${signUp.status}`);

    const squatterSession = await signIn(web, "web", email, SQUATTER_PASSWORD);
    tally.check("the squatter's password signed in before the address was proven", squatterSession !== null);

    await proveAddress(context, email);
    const afterProof = await signIn(web, "web", email, SQUATTER_PASSWORD);
    tally.check("the password set before the proof still signs in after the owner proved the address", afterProof !== null);
    if (squatterSession) {
      const me = await trpc(web, "account.me", undefined, { type: "query", cookies: { [cookieNameOf("web")]: squatterSession } });
      tally.check(`the squatter's session from before the proof still works (${me.status})`, me.status === 200);
    }
  },
};
