// The order saga's test bench, shared by the fulfilment and refund integration tests (never
// imported by production code): the local Stripe test server, an SMTP catcher, a file store and
// the saga's deps, started before the file's tests and stopped after them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { startMailCatcher, type CaughtMessageDetail, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { afterAll, beforeAll, expect } from "vitest";
import { systemClock } from "../../clock.ts";
import { readStripeEnv } from "../../env.ts";
import type { Harness } from "../../testing/harness.ts";
import { bookingDeps, kitCart } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { checkout } from "../checkout/checkout.ts";
import { createLocalFileStore } from "../files/local-file-store.ts";
import { createMailer, type Mailer } from "../mail/create-mailer.ts";
import { applyStripeEvent } from "../payments/apply-stripe-event.ts";
import { createStripeSettings, type StripeSettings } from "../payments/stripe-client.ts";
import { fulfilOrder, type TFulfilDeps } from "./fulfil-order.ts";
import { localOrderDocuments } from "./order-documents.ts";

export interface TFulfilmentKit {
  stripeServer: StripeTestServer;
  settings: StripeSettings;
  deps: TFulfilDeps;
  filesDir: string;
  /** Sends to the bench's SMTP catcher. */
  mailer: Mailer;
  /** The e-mails caught for one address, with their attachments. */
  caughtFor(to: string): Promise<CaughtMessageDetail[]>;
  /** Applies every Stripe event of the intent, as the payment worker would. */
  applyEvents(intentId: string): Promise<void>;
  /** A GA event and an order of `quantity` tickets on it, through checkout and the SDK's confirm, its Stripe events applied; not yet fulfilled. */
  authorisedOrder(quantity: number, name: string): ReturnType<typeof authorisedOrderOf>;
  /** The same order, then PAID through the saga. */
  paidOrder(quantity: number, name: string): ReturnType<typeof authorisedOrderOf>;
}

async function authorisedOrderOf(h: Harness, kit: TFulfilmentKit, quantity: number, name: string) {
  const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
  const cart = await kitCart(h);
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomUUID()}@example.test`;
  const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity }] });
  const order = await checkout({ db: h.db, stripe: kit.settings.client, clock: systemClock }, cart, { holdId: hold.id, buyer: { name, email }, locale: "en" });
  await kit.settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
  await kit.applyEvents(order.paymentIntentId);
  return { event, ticketType, email, order };
}

/** Registers the bench's beforeAll/afterAll; the returned object's fields are set once it started. */
export function useFulfilmentKit(h: Harness): TFulfilmentKit {
  let catcher: MailCatcher;
  let mailer: Mailer;
  const kit = {
    filesDir: "",
    async caughtFor(to: string) {
      const list = (await (await fetch(`${catcher.httpUrl}/messages?to=${encodeURIComponent(to)}`)).json()) as { id: string }[];
      return Promise.all(list.map(async ({ id }) => (await (await fetch(`${catcher.httpUrl}/messages/${id}`)).json()) as CaughtMessageDetail));
    },
    async applyEvents(intentId: string) {
      for (const event of kit.stripeServer.events().filter((e) => (e.data.object as { id?: string }).id === intentId)) {
        await applyStripeEvent({ db: h.db, stripe: kit.settings.client }, { eventId: event.id, type: event.type, objectId: intentId });
      }
    },
    authorisedOrder: (quantity: number, name: string) => authorisedOrderOf(h, kit, quantity, name),
    async paidOrder(quantity: number, name: string) {
      const paid = await authorisedOrderOf(h, kit, quantity, name);
      expect(await fulfilOrder(kit.deps, paid.order.id)).toBe("PAID");
      return paid;
    },
  } as TFulfilmentKit;

  beforeAll(async () => {
    kit.stripeServer = await startStripeTestServer({});
    kit.settings = createStripeSettings(readStripeEnv({ NODE_ENV: "test", STRIPE_API_URL: kit.stripeServer.url }), { maxNetworkRetries: 0 });
    catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "Marquee <tickets@marquee.local>" });
    kit.mailer = mailer;
    kit.filesDir = mkdtempSync(join(tmpdir(), "marquee-files-"));
    const documents = localOrderDocuments({ db: h.db, clock: systemClock, files: createLocalFileStore(kit.filesDir), mailer, webUrl: "http://localhost:3000" });
    kit.deps = {
      db: h.db,
      redis: h.redis,
      redisPrefix: h.redisPrefix,
      clock: systemClock,
      stripe: kit.settings.client,
      ticketKeySecret: TEST_TICKET_KEY_SECRET,
      documents,
    };
  });
  afterAll(async () => {
    mailer.close();
    await catcher.close();
    await kit.stripeServer.stop();
    rmSync(kit.filesDir, { recursive: true, force: true });
  });
  return kit;
}
