import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client.ts";
import { verifyPassword } from "../crypto/password.ts";
import { testDatabaseUrl } from "../testing/global-setup.ts";
import { TEST_TICKET_KEY_SECRET } from "../testing/factories.ts";
import { DEMO_ORGANIZATION_SLUG, DEMO_USERS } from "./demo-users.ts";
import { seedDemo } from "./seed-demo.ts";

let db: Db;
let fileStorageDir: string;
// Seeded once for the file (about 6 s alone, much more while other suites load the machine).
beforeAll(async () => {
  db = createDb(testDatabaseUrl(), { max: 2 });
  fileStorageDir = await mkdtemp(join(tmpdir(), "marquee-seed-files-"));
  await seedDemo(db, { ticketKeySecret: TEST_TICKET_KEY_SECRET, fileStorageDir });
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  await rm(fileStorageDir, { recursive: true, force: true });
});

async function counts() {
  const where = { organization: { slug: DEMO_ORGANIZATION_SLUG } };
  return {
    events: await db.event.count({ where }),
    seats: await db.seat.count({ where: { seatMap: where } }),
    ticketTypes: await db.ticketType.count({ where: { event: where } }),
    priceTiers: await db.priceTier.count({ where: { ticketType: { event: where } } }),
    memberships: await db.membership.count({ where }),
    signingKeys: await db.eventSigningKey.count({ where: { event: where } }),
    conversations: await db.supportConversation.count({ where }),
    cannedReplies: await db.cannedReply.count({ where }),
  };
}

describe("demo seed", () => {
  it("creates the demo organiser's three events, a 2,000-seat map and one user per role, idempotently", async () => {
    const first = await counts();
    await seedDemo(db, { ticketKeySecret: TEST_TICKET_KEY_SECRET, fileStorageDir });
    expect(await counts()).toEqual(first);
    expect(first).toMatchObject({ events: 3, seats: 2000, memberships: 5, signingKeys: 3, conversations: 5, cannedReplies: 4 });

    const events = await db.event.findMany({ where: { organization: { slug: DEMO_ORGANIZATION_SLUG } }, orderBy: { startsAt: "asc" } });
    expect(events.map((event) => [event.seatingMode, event.waitingRoomEnabled])).toEqual(
      expect.arrayContaining([
        ["GENERAL_ADMISSION", false],
        ["RESERVED", false],
        ["GENERAL_ADMISSION", true],
      ]),
    );
  }, 90_000); // seeds the 2,000-seat map again: ~3 s alone, much longer while other suites load the machine

  it("gives two events an image in the file store and German texts, and leaves the flash sale without either", async () => {
    const events = await db.event.findMany({ where: { organization: { slug: DEMO_ORGANIZATION_SLUG } }, orderBy: { slug: "asc" } });
    expect(events.map((event) => [event.slug, event.imageKey, Object.keys(event.translations as object)])).toEqual([
      ["hamlet-reserved", "images/demo/hamlet", ["de"]],
      ["midnight-drop-secret-show", null, []],
      ["northern-lights-live", "images/demo/northern-lights", ["de"]],
    ]);
    for (const name of ["hamlet", "northern-lights"])
      expect((await readdir(join(fileStorageDir, "images", "demo", name))).sort()).toEqual([
        "1280.webp",
        "1600.webp",
        "320.webp",
        "480.webp",
        "640.webp",
        "960.webp",
      ]);
    const stalls = await db.section.findFirstOrThrow({ where: { name: "Stalls", seatMap: { organization: { slug: DEMO_ORGANIZATION_SLUG } } } });
    expect(stalls.translations).toEqual({ de: { name: "Parkett" } });
  });

  it("fills the help inbox with conversations in every state, numbered from #1001, and the counter continues after them", async () => {
    const organization = await db.organization.findUniqueOrThrow({ where: { slug: DEMO_ORGANIZATION_SLUG }, include: { supportSettings: true } });
    const conversations = await db.supportConversation.findMany({ where: { organizationId: organization.id }, orderBy: { number: "asc" } });
    expect(conversations.map((conversation) => conversation.number)).toEqual([1001, 1002, 1003, 1004, 1005]);
    expect(new Set(conversations.map((conversation) => conversation.status))).toEqual(new Set(["OPEN", "PENDING", "RESOLVED"]));
    expect(organization.supportSettings).toMatchObject({ lastConversationNumber: 1005, inboundLocalPart: "help-demo" });
    // Open and unanswered: the first reply is overdue for one (breached), due soon for another (warning).
    const waiting = conversations.filter((conversation) => conversation.waitingSince !== null);
    expect(waiting.some((conversation) => conversation.firstResponseDueAt! < new Date())).toBe(true);
    expect(waiting.some((conversation) => conversation.firstResponseDueAt! > new Date())).toBe(true);
  });

  it("gives every demo user the documented password and role", async () => {
    for (const demo of DEMO_USERS) {
      const user = await db.user.findUniqueOrThrow({ where: { email: demo.email }, include: { memberships: true } });
      expect(await verifyPassword(demo.password, user.passwordHash!)).toBe(true);
      expect(user.memberships.map((membership) => membership.role)).toEqual(demo.teamRole ? [demo.teamRole] : []);
      expect(user.platformRole).toBe(demo.platformRole ?? "USER");
    }
  });
});
