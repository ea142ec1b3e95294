// How a changed ticket reaches the wallets: the Google save link's JWT, the wallet.pass-changed
// job (enqueued by ticketPassChanged and by a refund), and its pushes: a log line without APNs or
// Google credentials, else HTTP/2 to APNs (a local HTTP/2 server plays APNs) and a PATCH of the
// Google object (a local server plays Google's OAuth and Wallet endpoints).
import { generateKeyPairSync } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import { createServer as createHttp2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { Queue } from "bullmq";
import { decodeProtectedHeader, importSPKI, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { QUEUE_NAMES, queuePrefix } from "../../jobs/contract.ts";
import { useHarness } from "../../testing/harness.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { refundOrder } from "../refunds/refund-order.ts";
import { revokeTickets } from "../tickets/revoke-tickets.ts";
import { ticketDeps } from "../tickets/tickets-test-kit.ts";
import { buildApplePass } from "./apple-pass.ts";
import { developmentGoogleKey } from "./dev-credentials.ts";
import { googleSaveLink } from "./google-wallet.ts";
import { pushPassChange, ticketPassChanged } from "./ticket-pass-changed.ts";
import { readWalletEnv, walletSettingsFromEnv, type TWalletSettings } from "./env.ts";
import { paidOrderWithTickets } from "./wallet-test-kit.ts";
import { loadWalletTicket } from "./wallet-ticket.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);
const settings = walletSettingsFromEnv(readWalletEnv({ NODE_ENV: "test" }));

async function passChangedJobs(ticketId: string) {
  const queue = new Queue(QUEUE_NAMES.notification, { connection: h.redis, prefix: queuePrefix(h.redisPrefix, QUEUE_NAMES.notification) });
  try {
    const jobs = await queue.getJobs(["waiting", "delayed", "active"]);
    return jobs.filter((job) => job.name === "wallet.pass-changed" && (job.data as { ticketId: string }).ticketId === ticketId);
  } finally {
    await queue.close();
  }
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => resolve(body));
  });

describe("Google Wallet save link", () => {
  it("is a JWT that verifies with the service account's public key and carries the ticket's signed code", async () => {
    const { seatedTicket, event } = await paidOrderWithTickets(h);
    const ticket = await loadWalletTicket(h.db, seatedTicket.id);
    const link = await googleSaveLink(settings.google, ticket, ["https://shop.example.test"]);
    expect(link.startsWith("https://pay.google.com/gp/v/save/")).toBe(true);
    const jwt = link.slice("https://pay.google.com/gp/v/save/".length);
    const { payload } = await jwtVerify(jwt, await importSPKI(developmentGoogleKey().publicKeyPem, "RS256"), {
      audience: "google",
      issuer: settings.google.serviceAccountEmail,
    });
    expect(decodeProtectedHeader(jwt).alg).toBe("RS256");
    const body = payload as unknown as {
      typ: string;
      origins: string[];
      payload: { eventTicketClasses: Record<string, unknown>[]; eventTicketObjects: Record<string, unknown>[] };
    };
    expect(body).toMatchObject({ typ: "savetowallet", origins: ["https://shop.example.test"] });
    expect(body.payload.eventTicketClasses[0]).toMatchObject({
      id: `${settings.google.issuerId}.event-${event.id}`,
      eventName: { defaultValue: { value: event.name } },
    });
    expect(body.payload.eventTicketObjects[0]).toMatchObject({
      id: `${settings.google.issuerId}.ticket-${seatedTicket.id}`,
      state: "ACTIVE",
      barcode: { type: "QR_CODE", value: seatedTicket.signedCode },
      seatInfo: { row: { defaultValue: { value: seatedTicket.seat!.row } } },
    });
    // Another key's signature is refused.
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    await expect(jwtVerify(jwt, await importSPKI(stranger, "RS256"))).rejects.toThrow();
  });
});

describe("ticketPassChanged and the wallet.pass-changed job", () => {
  it("moves the pass's lastUpdated and enqueues one job per ticket; without APNs or Google credentials the job only logs", async () => {
    const { gaTicket } = await paidOrderWithTickets(h);
    await buildApplePass({ db: h.db, clock: systemClock, settings }, gaTicket.id);
    const before = await h.db.walletPass.findUniqueOrThrow({ where: { ticketId: gaTicket.id } });
    await ticketPassChanged(h.db, h.queues, [gaTicket.id, gaTicket.id]);
    expect((await h.db.walletPass.findUniqueOrThrow({ where: { ticketId: gaTicket.id } })).changedAt.getTime()).toBeGreaterThan(before.changedAt.getTime());
    expect(await passChangedJobs(gaTicket.id)).toHaveLength(1);

    const lines: string[] = [];
    const pushed = await pushPassChange({ db: h.db, settings, log: (message) => lines.push(message) }, gaTicket.id);
    expect(pushed).toEqual({ apple: "not-configured", google: "not-configured" });
    expect(lines.join("\n")).toMatch(/no APNs key configured/);
    expect(lines.join("\n")).toMatch(/no Google Wallet credentials configured/);
  });

  it("pushes to every registered device over HTTP/2 with an ES256 provider token, drops unregistered tokens, and PATCHes the voided Google object", async () => {
    const { seatedTicket } = await paidOrderWithTickets(h);
    await buildApplePass({ db: h.db, clock: systemClock, settings }, seatedTicket.id);
    await h.db.walletRegistration.createMany({
      data: [
        { deviceLibraryId: "phone-a", ticketId: seatedTicket.id, pushToken: "aaaa1111" },
        { deviceLibraryId: "phone-b", ticketId: seatedTicket.id, pushToken: "bbbb2222" },
      ],
    });
    const apnsKey = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pushes: { path: string; headers: Record<string, unknown>; body: string }[] = [];
    const apns = createHttp2Server();
    apns.on("stream", (stream, headers) => {
      let body = "";
      stream.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      stream.on("end", () => {
        pushes.push({ path: String(headers[":path"]), headers, body });
        const gone = String(headers[":path"]).endsWith("/bbbb2222");
        stream.respond({ ":status": gone ? 410 : 200, "content-type": "application/json" });
        stream.end(gone ? JSON.stringify({ reason: "Unregistered" }) : "");
      });
    });
    const patches: { path: string; authorization: string | undefined; body: Record<string, unknown> }[] = [];
    const google = createHttpServer((req, res) => {
      void readBody(req).then((body) => {
        if (req.url === "/token") {
          const form = new URLSearchParams(body);
          res.writeHead(form.get("grant_type") === "urn:ietf:params:oauth:grant-type:jwt-bearer" ? 200 : 400, { "content-type": "application/json" });
          res.end(JSON.stringify({ access_token: "google-access-token", expires_in: 3600 }));
          return;
        }
        patches.push({ path: `${req.method} ${req.url}`, authorization: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> });
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      });
    });
    await Promise.all([
      new Promise<void>((resolve) => apns.listen(0, "127.0.0.1", resolve)),
      new Promise<void>((resolve) => google.listen(0, "127.0.0.1", resolve)),
    ]);
    try {
      const googleBase = `http://127.0.0.1:${(google.address() as AddressInfo).port}`;
      const configured: TWalletSettings = {
        ...settings,
        apns: {
          url: `http://127.0.0.1:${(apns.address() as AddressInfo).port}`,
          keyPem: apnsKey.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
          keyId: "KEYID12345",
          teamId: settings.apple.teamId,
          topic: settings.apple.passTypeId,
        },
        google: { ...settings.google, development: false, apiUrl: `${googleBase}/walletobjects/v1`, tokenUrl: `${googleBase}/token` },
      };
      await revokeTickets(ticketDeps(h), { ticketIds: [seatedTicket.id], reason: "transferred" });
      const result = await pushPassChange({ db: h.db, settings: configured, log: () => {} }, seatedTicket.id);

      expect(result.google).toBe("updated");
      expect(pushes.map((push) => push.path).sort()).toEqual(["/3/device/aaaa1111", "/3/device/bbbb2222"]);
      for (const push of pushes) {
        expect(push.headers).toMatchObject({ ":method": "POST", "apns-topic": settings.apple.passTypeId });
        expect(push.body).toBe("{}");
        const jwt = String(push.headers.authorization).replace(/^bearer /, "");
        const { payload, protectedHeader } = await jwtVerify(
          jwt,
          await importSPKI(apnsKey.publicKey.export({ type: "spki", format: "pem" }).toString(), "ES256"),
        );
        expect(protectedHeader).toMatchObject({ alg: "ES256", kid: "KEYID12345" });
        expect(payload.iss).toBe(settings.apple.teamId);
      }
      // The device APNs called unregistered is forgotten.
      expect(await h.db.walletRegistration.findMany({ where: { ticketId: seatedTicket.id }, select: { deviceLibraryId: true } })).toEqual([
        { deviceLibraryId: "phone-a" },
      ]);
      expect(patches).toEqual([
        {
          path: `PATCH /walletobjects/v1/eventTicketObject/${encodeURIComponent(`${settings.google.issuerId}.ticket-${seatedTicket.id}`)}`,
          authorization: "Bearer google-access-token",
          body: expect.objectContaining({ state: "INACTIVE", barcode: null }),
        },
      ]);
    } finally {
      await Promise.all([new Promise((resolve) => apns.close(resolve)), new Promise((resolve) => google.close(resolve))]);
    }
  });

  it("is announced by a refund: the refunded ticket's pass changes and its job is enqueued", async () => {
    const { order } = await kit.paidOrder(2, "Wallet Refund");
    const [first, second] = await h.db.ticket.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    for (const ticket of [first!, second!]) await buildApplePass({ db: h.db, clock: systemClock, settings }, ticket.id);
    const before = await h.db.walletPass.findUniqueOrThrow({ where: { ticketId: first!.id } });
    await new Promise((resolve) => setTimeout(resolve, 5));

    await refundOrder({ ...kit.deps, queues: h.queues }, { orderId: order.id, ticketIds: [first!.id], reason: "cannot come" });
    expect((await h.db.walletPass.findUniqueOrThrow({ where: { ticketId: first!.id } })).changedAt.getTime()).toBeGreaterThan(before.changedAt.getTime());
    expect(await passChangedJobs(first!.id)).toHaveLength(1);
    expect(await passChangedJobs(second!.id)).toHaveLength(0);
    expect((await loadWalletTicket(h.db, first!.id)).valid).toBe(false);
  });
});
