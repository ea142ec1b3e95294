import { handleExportDownload } from "@marquee/api/http/export-download-http";

// Streamed CSV exports (orders, attendees); the body is produced batch by batch as the browser reads it.
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ kind: string }> }) {
  return handleExportDownload(req, (await params).kind);
}
