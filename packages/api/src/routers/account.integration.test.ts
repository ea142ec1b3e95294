import { describe, expect, it } from "vitest";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();

describe("account", () => {
  it("returns the signed-in user's profile and teams", async () => {
    const { organizationId, userId, caller } = await h.memberOf("BOX_OFFICE");
    const me = await caller.account.me();
    expect(me).toMatchObject({ id: userId, orderCount: 0, teams: [{ id: organizationId, role: "BOX_OFFICE" }] });
  });

  it("requires a session", async () => {
    await expect((await h.callerAs(null)).account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("updates the profile from the app's own origin", async () => {
    const user = await h.make.user();
    const caller = await h.callerAs(user.id, { request: { trpcSource: "web", origin: "http://localhost:3000", secFetchSite: "same-origin" } });
    await expect(caller.account.updateProfile({ name: "Ada", locale: "de" })).resolves.toMatchObject({ name: "Ada", locale: "de" });
  });

  it.each([
    ["without our client's header", { trpcSource: null, origin: "http://localhost:3000", secFetchSite: "same-origin" }],
    ["from another site", { trpcSource: "web", origin: "https://evil.example", secFetchSite: "cross-site" }],
    ["from an unknown origin", { trpcSource: "web", origin: "https://evil.example", secFetchSite: null }],
  ])("refuses a mutation %s and changes nothing", async (_label, request) => {
    const user = await h.make.user({ name: "Before" });
    const caller = await h.callerAs(user.id, { request });
    await expect(caller.account.updateProfile({ name: "After" })).rejects.toMatchObject({ code: "FORBIDDEN", cause: expect.objectContaining({ code: "CSRF_REJECTED" }) });
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Before");
  });

  it("rejects invalid input without writing", async () => {
    const user = await h.make.user({ name: "Before" });
    const caller = await h.callerAs(user.id);
    await expect(caller.account.updateProfile({ locale: "xx" as "en" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
  });
});
