import { z } from "zod";
import { AppError } from "../errors.ts";
import { restError } from "../rest/errors.ts";
import { systemClock } from "../clock.ts";
import { startInvoiceExport } from "../services/invoice/export-invoices.ts";
import { startExport } from "../services/orders/export-orders.ts";
import { clientIpBehindNext } from "./client-ip.ts";
import { authorizeConsoleRoute } from "./console-route-auth.ts";
import { getNextServerSession } from "./next-server-session.ts";
import { getServerClients } from "./server-clients.ts";

/** The console's export downloads: `/api/exports/<orders|attendees|invoices>?organizationId=...&eventId=...` (invoices also `&from=&to=`). */
const ZExportRequest = z.object({ kind: z.enum(["orders", "attendees", "invoices"]), organizationId: z.uuid(), eventId: z.uuid().optional() });

const failure = (error: unknown) => {
  const { status, headers, body } = restError(error);
  return Response.json(body, { status, headers: { ...headers, "cache-control": "no-store" } });
};

const download = (stream: ReadableStream<Uint8Array>, contentType: string, filename: string, headers: Record<string, string>) =>
  new Response(stream, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "private, no-store",
      ...headers,
    },
  });

/**
 * Streams an export to a console member with `order.manage` in the organisation: a CSV with
 * `x-total-rows`, or the invoice ZIP of a period with `x-total-documents` (both counted first, so
 * the page shows progress while the body arrives). Same-origin only (a cross-site page cannot make
 * the console write audit entries), audited as `export.<kind>`.
 */
export async function handleExportDownload(req: Request, kind: string): Promise<Response> {
  try {
    const url = new URL(req.url);
    const parsed = ZExportRequest.safeParse({
      kind,
      organizationId: url.searchParams.get("organizationId"),
      eventId: url.searchParams.get("eventId") || undefined,
    });
    if (!parsed.success) throw new AppError("VALIDATION_ERROR", "Name the export (orders, attendees or invoices) and the organisation.");
    const session = authorizeConsoleRoute(req, await getNextServerSession("admin", req.headers), parsed.data.organizationId, "order.manage");
    const { db, files, trustedProxies } = getServerClients();
    const ip = clientIpBehindNext(req.headers.get("x-forwarded-for"), trustedProxies);
    const actor = { kind: "user" as const, userId: session.id, ip };
    const { kind: exportKind, ...scope } = parsed.data;
    if (exportKind === "invoices") {
      const period = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
      const archive = await startInvoiceExport({ db, files, clock: systemClock }, { ...scope, ...period, actor });
      return download(archive.stream, "application/zip", archive.filename, { "x-total-documents": String(archive.total) });
    }
    const exported = await startExport({ db }, { ...scope, kind: exportKind, actor });
    return download(exported.stream, "text/csv; charset=utf-8", exported.filename, { "x-total-rows": String(exported.total) });
  } catch (error) {
    return failure(error);
  }
}
