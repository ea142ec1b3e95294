import { z } from "zod";
import { AppError } from "../errors.ts";
import { restError } from "../rest/errors.ts";
import { startExport } from "../services/orders/export-orders.ts";
import { clientIpBehindNext } from "./client-ip.ts";
import { authorizeConsoleRoute } from "./console-route-auth.ts";
import { getNextServerSession } from "./next-server-session.ts";
import { getServerClients } from "./server-clients.ts";

/** The console's export downloads: `/api/exports/<orders|attendees>?organizationId=...&eventId=...`. */
const ZExportRequest = z.object({ kind: z.enum(["orders", "attendees"]), organizationId: z.uuid(), eventId: z.uuid().optional() });

const failure = (error: unknown) => {
  const { status, headers, body } = restError(error);
  return Response.json(body, { status, headers: { ...headers, "cache-control": "no-store" } });
};

/**
 * Streams a CSV export to a console member with `order.manage` in the organisation: `x-total-rows`
 * (counted first) lets the page show progress while the body arrives batch by batch. Same-origin
 * only (a cross-site page cannot make the console write audit entries), audited as `export.<kind>`.
 */
export async function handleExportDownload(req: Request, kind: string): Promise<Response> {
  try {
    const url = new URL(req.url);
    const parsed = ZExportRequest.safeParse({
      kind,
      organizationId: url.searchParams.get("organizationId"),
      eventId: url.searchParams.get("eventId") || undefined,
    });
    if (!parsed.success) throw new AppError("VALIDATION_ERROR", "Name the export (orders or attendees) and the organisation.");
    const session = authorizeConsoleRoute(req, await getNextServerSession("admin", req.headers), parsed.data.organizationId, "order.manage");
    const { db, trustedProxies } = getServerClients();
    const ip = clientIpBehindNext(req.headers.get("x-forwarded-for"), trustedProxies);
    const exported = await startExport({ db }, { ...parsed.data, actor: { kind: "user", userId: session.id, ip } });
    return new Response(exported.stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${exported.filename.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "private, no-store",
        "x-total-rows": String(exported.total),
      },
    });
  } catch (error) {
    return failure(error);
  }
}
