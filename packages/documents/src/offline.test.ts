import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderInvoicePdf } from "./invoice/render-invoice-pdf.ts";
import { creditNoteData, ticketData } from "./testing/fixtures.ts";
import { renderTicketPdf } from "./ticket/render-ticket-pdf.ts";

// Production machines may have no outbound network: react-pdf must not fetch fonts or hyphenation
// data. (Its layout engine loads its WebAssembly through fetch() of a data: URL, which is local.)
describe("offline rendering", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("renders tickets and a credit note without opening a connection", async () => {
    const realFetch = globalThis.fetch;
    const remote: string[] = [];
    vi.stubGlobal("fetch", (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith("data:")) return realFetch(input, init);
      remote.push(url);
      return Promise.reject(new Error(`network used: ${url}`));
    });
    const connect = vi.spyOn(net.Socket.prototype, "connect").mockImplementation(() => {
      throw new Error("network used");
    });
    await renderTicketPdf(ticketData({}, 1));
    await renderInvoicePdf(creditNoteData("de"));
    expect(remote).toEqual([]);
    expect(connect).not.toHaveBeenCalled();
  });
});
