import { handleExportDownload } from "@marquee/api/http/export-download-http";

// Streamed exports: CSV (orders, attendees) and the invoice ZIP of a period; the body is produced as the browser reads it.
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ kind: string }> }) {
  return handleExportDownload(req, (await params).kind);
}
