import { createNextDocumentDownloadHandler } from "@marquee/api/http/server-clients";

// Signed, expiring PDF downloads (tickets, invoices, credit notes): the links come with the order
// (getOrder, or order.documents in the console). packages/api/src/services/documents.
const handler = createNextDocumentDownloadHandler();
export const GET = handler;
export const HEAD = handler;
