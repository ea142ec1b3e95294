import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { InvoiceModel as Invoice } from "@marquee/db";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { handleAppRestRequest, restRequestFromFetch, restResponseToFetch } from "../../http/rest-app.ts";
import { makeApiToken } from "../../testing/api-token.ts";
import { useHarness } from "../../testing/harness.ts";
import { invoicePdfKey } from "./invoice-pdf.ts";
import { paidOrder, refundOf, sellingOrganization, useInvoiceDeps } from "./invoice-test-kit.ts";
import { issueCreditNote } from "./issue-credit-note.ts";
import { issueInvoice } from "./issue-invoice.ts";

const h = useHarness();
const deps = useInvoiceDeps(h);

type TSeller = Awaited<ReturnType<typeof sellingOrganization>>;

/** An invoice issued at `at`, and (with `credit`) a credit note for one of its two tickets a minute later. */
async function invoiced(seller: TSeller, at: string, credit = false): Promise<Invoice[]> {
  const clock = fixedClock(new Date(at));
  const order = await paidOrder(h, seller);
  const invoice = await issueInvoice({ ...deps, clock }, { orderId: order.id });
  if (!credit) return [invoice];
  clock.advance(60_000);
  const refund = await refundOf(h, order, 2500);
  const note = await issueCreditNote({ ...deps, clock }, { orderId: order.id, refundId: refund.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }] });
  return [invoice, note];
}

async function unzipped(stream: ReadableStream<Uint8Array>) {
  return unzipSync(new Uint8Array(await new Response(stream).arrayBuffer()));
}

const PERIOD = { from: "2026-04-01", to: "2026-05-01" };

describe("invoice archive (order.exportInvoices)", () => {
  // Renders some 35 PDFs (the issuing and one lost file): slower than most tests on a loaded machine.
  it("zips exactly the organisation's documents of the period, each a PDF, with an index whose totals match", { timeout: 120_000 }, async () => {
    const seller = await sellingOrganization(h);
    const other = await sellingOrganization(h);
    const inPeriod: Invoice[] = [];
    // 00:30 on 1 April in Berlin (the event's zone) is still 31 March in UTC: in the period.
    inPeriod.push(...(await invoiced(seller, "2026-03-31T22:30:00Z", true)));
    for (let day = 2; day <= 18; day++) inPeriod.push(...(await invoiced(seller, `2026-04-${String(day).padStart(2, "0")}T10:00:00Z`, day % 3 === 0)));
    // 30 April 23:50 in Berlin: the last minutes of the period.
    inPeriod.push(...(await invoiced(seller, "2026-04-30T21:50:00Z")));
    // Outside: the last minute of March in Berlin, 1 May in Berlin (still 30 April in UTC), and last year.
    const outside = [
      ...(await invoiced(seller, "2026-03-31T21:59:00Z")),
      ...(await invoiced(seller, "2026-04-30T22:10:00Z", true)),
      ...(await invoiced(seller, "2025-04-10T10:00:00Z")),
    ];
    const foreign = [...(await invoiced(other, "2026-04-05T10:00:00Z", true)), ...(await invoiced(other, "2026-04-06T10:00:00Z"))];
    expect(inPeriod.length + outside.length + foreign.length).toBeGreaterThanOrEqual(30);
    expect(inPeriod.some((invoice) => invoice.kind === "CREDIT_NOTE")).toBe(true);

    // A lost PDF is rendered again from the snapshot (and stored again).
    const lost = inPeriod[3]!;
    await rm(join(deps.filesDir, invoicePdfKey(lost)));

    const owner = await h.make.member(seller.organization.id, "BOX_OFFICE");
    const caller = await h.callerAs(owner.id, { app: "admin", files: deps.files });
    const archive = await caller.order.exportInvoices({ organizationId: seller.organization.id, ...PERIOD });
    expect(archive.filename).toBe("invoices-all-events-2026-04-01-to-2026-05-01.zip");
    const entries = await unzipped(archive.stream);

    const expectedNames = inPeriod.map((invoice) => `${invoice.displayNumber}.pdf`);
    expect(Object.keys(entries).sort()).toEqual([...expectedNames, "index.csv"].sort());
    for (const name of expectedNames) expect(Buffer.from(entries[name]!.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(await deps.files.exists(invoicePdfKey(lost))).toBe(true);

    const index = parse(Buffer.from(entries["index.csv"]!), { columns: true }) as Record<string, string>[];
    expect(index.map((row) => row.number)).toEqual(inPeriod.map((invoice) => invoice.displayNumber).sort());
    const sum = (rows: { totalMinor: number }[]) => rows.reduce((total, row) => total + row.totalMinor, 0);
    expect(index.reduce((total, row) => total + Number(row.total_minor), 0)).toBe(sum(inPeriod));
    expect(index.find((row) => row.number === inPeriod[0]!.displayNumber)).toMatchObject({ kind: "invoice", date: "2026-04-01", currency: "EUR" });
    expect(index.find((row) => row.number === inPeriod[1]!.displayNumber)).toMatchObject({ kind: "credit-note", total_minor: "-2500" });
    for (const row of index) expect(Number(row.net_minor) + Number(row.tax_minor)).toBe(Number(row.total_minor));

    const audit = await h.db.auditLog.findFirstOrThrow({ where: { organizationId: seller.organization.id, action: "export.invoices" } });
    expect(audit).toMatchObject({ actorId: owner.id, targetType: "organization", data: { ...PERIOD, documents: inPeriod.length } });

    // One event's documents only: the other event of the organisation has none of them.
    const secondEvent = await h.make.event(seller.organization.id, seller.event.venueId, { name: "Macbeth" });
    const ofEvent = await caller.order.exportInvoices({ organizationId: seller.organization.id, eventId: secondEvent.id, ...PERIOD });
    expect(Object.keys(await unzipped(ofEvent.stream))).toEqual(["index.csv"]);
  });

  it("refuses other organisations, roles without order.manage, and bad periods; nothing is audited", async () => {
    const seller = await sellingOrganization(h);
    const stranger = await h.memberOf("OWNER");
    const doorStaff = await h.make.member(seller.organization.id, "DOOR_STAFF");
    const strangerCaller = await h.callerAs(stranger.userId, { app: "admin", files: deps.files });
    await expect(strangerCaller.order.exportInvoices({ organizationId: seller.organization.id, ...PERIOD })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const doorCaller = await h.callerAs(doorStaff.id, { app: "admin", files: deps.files });
    await expect(doorCaller.order.exportInvoices({ organizationId: seller.organization.id, ...PERIOD })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Its own organisation, another's event.
    await expect(strangerCaller.order.exportInvoices({ organizationId: stranger.organizationId, eventId: seller.event.id, ...PERIOD })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const own = stranger.organizationId;
    const refused = (input: { from: string; to: string }) => strangerCaller.order.exportInvoices({ organizationId: own, ...input });
    await expect(refused({ from: "2026-05-01", to: "2026-04-01" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(refused({ from: "2026-04-01", to: "2026-04-01" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(refused({ from: "2026-02-30", to: "2026-04-01" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(refused({ from: "2025-01-01", to: "2026-01-03" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT", cause: { code: "LIMIT_EXCEEDED" } });
    // 366 days (a leap year) is the longest period.
    await expect(refused({ from: "2028-01-01", to: "2029-01-01" })).resolves.toMatchObject({ filename: expect.stringMatching(/\.zip$/) });
    expect(await h.db.auditLog.count({ where: { organizationId: seller.organization.id, action: "export.invoices" } })).toBe(0);
  });

  it("serves the archive to an organisation API token over REST (exportInvoices), and only its own organisation's documents", async () => {
    const seller = await sellingOrganization(h);
    const other = await sellingOrganization(h);
    const [invoice] = await invoiced(seller, "2026-04-15T10:00:00Z");
    await invoiced(other, "2026-04-15T10:00:00Z");
    const { token } = await makeApiToken(h, seller.organization.id, "BOX_OFFICE");
    const call = async (query: string) => {
      const req = new Request(`http://localhost:3000/api/v1/organization/invoices/archive?${query}`, { headers: { authorization: `Bearer ${token}` } });
      return restResponseToFetch(await handleAppRestRequest(restRequestFromFetch(req, null), h.httpDeps({ files: deps.files })), "GET");
    };
    const response = await call("from=2026-04-01&to=2026-05-01");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toContain("invoices-all-events-2026-04-01-to-2026-05-01.zip");
    expect(Object.keys(await unzipped(response.body!)).sort()).toEqual([`${invoice!.displayNumber}.pdf`, "index.csv"]);

    const tooLong = await call("from=2024-01-01&to=2026-01-01");
    expect(tooLong.status).toBe(422);
    expect(await tooLong.json()).toMatchObject({ error: { code: "LIMIT_EXCEEDED" } });
    expect((await call("from=someday&to=2026-01-01")).status).toBe(400);
  });
});
