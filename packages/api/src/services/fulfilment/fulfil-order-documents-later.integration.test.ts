// The saga split as the workers run it: `payment.authorized` stops at PAID (tickets, capture, the
// order.paid outbox row); `order.paid` then issues the invoice and sends the e-mail. A failing
// document step never undoes or delays the sale, and its retry sends everything once.
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { fulfilOrder } from "./fulfil-order.ts";
import { useFulfilmentKit } from "./fulfilment-test-kit.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);

const authorisedOrder = (quantity: number) => kit.authorisedOrder(quantity, "Later");

describe("fulfilOrder with documents: false, then the order.paid job", () => {
  it("is PAID with tickets and the capture before any document; the next run sends invoice and e-mail once", async () => {
    const { order, email } = await authorisedOrder(2);
    expect(await fulfilOrder(kit.deps, order.id, { documents: false })).toBe("PAID");
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
    expect(await h.db.ticket.count({ where: { orderId: order.id, status: "VALID" } })).toBe(2);
    expect(await h.db.payment.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "CAPTURED", capturedMinor: 5000 });
    // The documents' trigger is written with PAID; nothing is issued yet.
    expect(await h.db.outboxEvent.count({ where: { topic: "order.paid", aggregateId: order.id } })).toBe(1);
    expect(await h.db.invoice.count({ where: { orderId: order.id } })).toBe(0);
    expect(await kit.caughtFor(email)).toHaveLength(0);
    // A retried payment.authorized job changes nothing.
    expect(await fulfilOrder(kit.deps, order.id, { documents: false })).toBe("PAID");
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(2);

    // The order.paid job, twice (at least once): one invoice, one e-mail with both PDFs.
    expect(await fulfilOrder(kit.deps, order.id)).toBe("PAID");
    expect(await fulfilOrder(kit.deps, order.id)).toBe("PAID");
    expect(await h.db.invoice.count({ where: { orderId: order.id } })).toBe(1);
    const mail = await kit.caughtFor(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.attachments.map((a) => a.contentType)).toEqual(["application/pdf", "application/pdf"]);
  });

  it("a document step that fails leaves the sale PAID; its retry issues the documents once", async () => {
    const { order, email } = await authorisedOrder(1);
    expect(await fulfilOrder(kit.deps, order.id, { documents: false })).toBe("PAID");
    const failing = { ...kit.deps, documents: { ...kit.deps.documents, issueInvoice: () => Promise.reject(new Error("renderer down")) } };
    await expect(fulfilOrder(failing, order.id)).rejects.toThrow("renderer down");
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
    expect(await h.db.ticket.count({ where: { orderId: order.id, status: "VALID" } })).toBe(1);
    expect(await kit.caughtFor(email)).toHaveLength(0);
    expect(await fulfilOrder(kit.deps, order.id)).toBe("PAID");
    expect(await h.db.invoice.count({ where: { orderId: order.id } })).toBe(1);
    expect(await kit.caughtFor(email)).toHaveLength(1);
  });
});
