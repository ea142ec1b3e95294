import { readFile, rm } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { localFilePath } from "../files/local-file-store.ts";
import { getInvoicePdf } from "./invoice-pdf.ts";
import { paidOrder, sellingOrganization, useInvoiceDeps } from "./invoice-test-kit.ts";
import { issueInvoice } from "./issue-invoice.ts";

const h = useHarness();
const deps = useInvoiceDeps(h);
const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString("latin1") === "%PDF-";

describe("invoice PDFs", () => {
  it("stores the PDF at pdfPath and serves it with getInvoicePdf", async () => {
    const seller = await sellingOrganization(h);
    const invoice = await issueInvoice(deps, { orderId: (await paidOrder(h, seller)).id });
    const onDisk = await readFile(localFilePath(deps.filesDir, invoice.pdfPath!));
    expect(isPdf(onDisk)).toBe(true);
    expect(onDisk.length).toBeGreaterThan(1000);
    expect((await getInvoicePdf(deps, { invoiceId: invoice.id })).equals(onDisk)).toBe(true);
  });

  it("re-renders the PDF from the snapshot when the file is gone, and stores it again", async () => {
    const seller = await sellingOrganization(h);
    const invoice = await issueInvoice(deps, { orderId: (await paidOrder(h, seller)).id });
    await rm(localFilePath(deps.filesDir, invoice.pdfPath!));
    expect(await deps.files.exists(invoice.pdfPath!)).toBe(false);

    const bytes = await getInvoicePdf(deps, { invoiceId: invoice.id });
    expect(isPdf(bytes)).toBe(true);
    expect(await deps.files.exists(invoice.pdfPath!)).toBe(true);
    expect((await deps.files.get(invoice.pdfPath!))!.equals(bytes)).toBe(true);
  });

  it("answers NOT_FOUND for another organisation's invoice or an unknown id", async () => {
    const [seller, other] = [await sellingOrganization(h), await sellingOrganization(h)];
    const invoice = await issueInvoice(deps, { orderId: (await paidOrder(h, seller)).id });
    await expect(getInvoicePdf(deps, { invoiceId: invoice.id, organizationId: other.organization.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getInvoicePdf(deps, { invoiceId: "00000000-0000-7000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(isPdf(await getInvoicePdf(deps, { invoiceId: invoice.id, organizationId: seller.organization.id }))).toBe(true);
  });
});
