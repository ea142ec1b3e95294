// The .pkpass as Wallet reads it: a zip whose manifest hashes every file, signed (PKCS#7, checked
// with openssl against the development WWDR stand-in), whose QR carries the code the check-in
// verification accepts; and a revoked ticket's pass is void without a barcode.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyTicketCode } from "@marquee/tickets";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { revokeTickets } from "../tickets/revoke-tickets.ts";
import { eventVerificationKeys } from "../tickets/scanner-downloads.ts";
import { ticketDeps } from "../tickets/tickets-test-kit.ts";
import { buildApplePass } from "./apple-pass.ts";
import { readWalletEnv, walletSettingsFromEnv } from "./env.ts";
import { paidOrderWithTickets } from "./wallet-test-kit.ts";

const h = useHarness();
const settings = walletSettingsFromEnv(readWalletEnv({ NODE_ENV: "test", WEB_URL: "https://shop.example.test" }));
const scratch = mkdtempSync(join(tmpdir(), "wallet-pass-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type TPassJson = Record<string, unknown> & {
  barcodes?: { message: string; format: string }[];
  voided?: boolean;
  eventTicket: Record<string, { key: string; value: unknown }[]>;
};

function openPass(body: Buffer) {
  const files = unzipSync(new Uint8Array(body));
  const text = (name: string) => Buffer.from(files[name]!).toString("utf8");
  return { files, passJson: JSON.parse(text("pass.json")) as TPassJson, manifest: JSON.parse(text("manifest.json")) as Record<string, string> };
}

describe("buildApplePass", () => {
  it("is a zip with pass.json, a manifest hashing every file and a signature that verifies against the development certificate", async () => {
    const { seatedTicket, event } = await paidOrderWithTickets(h);
    const pass = await buildApplePass({ db: h.db, clock: systemClock, settings }, seatedTicket.id);
    expect(settings.apple.development).toBe(true);
    const { files, passJson, manifest } = openPass(pass.body);

    const names = Object.keys(files).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        "pass.json",
        "manifest.json",
        "signature",
        "icon.png",
        "icon@2x.png",
        "logo.png",
        "en.lproj/pass.strings",
        "de.lproj/pass.strings",
      ]),
    );
    // Every file but the manifest and the signature is in the manifest, with its SHA-1.
    const hashed = names.filter((name) => name !== "manifest.json" && name !== "signature");
    expect(Object.keys(manifest).sort()).toEqual(hashed);
    for (const name of hashed) expect(manifest[name]).toBe(createHash("sha1").update(files[name]!).digest("hex"));

    // PKCS#7 detached signature over manifest.json, by the pass certificate, chained to the WWDR stand-in.
    const dir = mkdtempSync(join(scratch, "sig-"));
    writeFileSync(join(dir, "manifest.json"), files["manifest.json"]!);
    writeFileSync(join(dir, "signature"), files.signature!);
    writeFileSync(join(dir, "wwdr.pem"), settings.apple.wwdr);
    const verify = (content: string) =>
      execFileSync(
        "openssl",
        [
          "smime",
          "-verify",
          "-binary",
          "-inform",
          "DER",
          "-in",
          join(dir, "signature"),
          "-content",
          content,
          "-CAfile",
          join(dir, "wwdr.pem"),
          "-purpose",
          "any",
          "-out",
          "/dev/null",
        ],
        {
          stdio: "pipe",
        },
      );
    expect(() => verify(join(dir, "manifest.json"))).not.toThrow();
    writeFileSync(join(dir, "tampered.json"), Buffer.concat([Buffer.from(files["manifest.json"]!), Buffer.from(" ")]));
    expect(() => verify(join(dir, "tampered.json"))).toThrow();

    // What the pass says.
    expect(passJson).toMatchObject({
      formatVersion: 1,
      passTypeIdentifier: settings.apple.passTypeId,
      teamIdentifier: settings.apple.teamId,
      serialNumber: seatedTicket.id,
      webServiceURL: "https://shop.example.test/api/wallet/apple",
      backgroundColor: "rgb(122, 31, 92)",
      foregroundColor: "rgb(255, 248, 231)",
      relevantDate: (event.doorsAt ?? event.startsAt).toISOString(),
      locations: [{ latitude: 52.5163, longitude: 13.3777, relevantText: "RELEVANT" }],
    });
    expect(passJson.voided).not.toBe(true);
    expect(String(passJson.authenticationToken).length).toBeGreaterThanOrEqual(16);
    const fields = Object.fromEntries(
      Object.values(passJson.eventTicket)
        .flat()
        .map((field) => [field.key, field.value]),
    );
    expect(fields).toMatchObject({
      event: event.name,
      section: "Stalls",
      row: seatedTicket.seat!.row,
      seat: seatedTicket.seat!.seat,
      holder: "Grace Hopper",
      date: event.startsAt.toISOString(),
    });

    // The QR's message is the signed code, and check-in verification accepts it.
    expect(passJson.barcodes).toEqual([expect.objectContaining({ format: "PKBarcodeFormatQR", message: seatedTicket.signedCode })]);
    const keys = await eventVerificationKeys({ db: h.db }, event.id);
    expect(await verifyTicketCode(passJson.barcodes![0]!.message, { keys, eventId: event.id, now: event.startsAt })).toMatchObject({ ok: true });
    // Only the token's hash is stored.
    const stored = await h.db.walletPass.findUniqueOrThrow({ where: { ticketId: seatedTicket.id } });
    expect(stored.authTokenHash).not.toContain(String(passJson.authenticationToken));
  });

  it("shows the ticket type for general admission, and a revoked ticket's pass is void with no barcode and a later lastUpdated", async () => {
    const { gaTicket } = await paidOrderWithTickets(h);
    const before = await buildApplePass({ db: h.db, clock: systemClock, settings }, gaTicket.id);
    const fieldsOf = (json: TPassJson) =>
      Object.fromEntries(
        Object.values(json.eventTicket)
          .flat()
          .map((field) => [field.key, field.value]),
      );
    expect(fieldsOf(openPass(before.body).passJson)).toMatchObject({ type: "Standing" });

    await new Promise((resolve) => setTimeout(resolve, 1_100)); // lastUpdated has whole seconds
    await revokeTickets(ticketDeps(h), { ticketIds: [gaTicket.id], reason: "refunded" });
    const after = await buildApplePass({ db: h.db, clock: systemClock, settings }, gaTicket.id);
    const { passJson } = openPass(after.body);
    expect(passJson.voided).toBe(true);
    expect(passJson.barcodes ?? []).toEqual([]);
    expect(fieldsOf(passJson)).toMatchObject({ status: "VOID" });
    expect(after.lastUpdated.getTime()).toBeGreaterThan(before.lastUpdated.getTime());
  });
});
