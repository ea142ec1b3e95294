import { handleAppRestRequest, restRequestFromFetch, restResponseToFetch } from "../http/rest-app.ts";
import type { Harness } from "./harness.ts";

/** Calls the REST surface (/api/v1) in process, as integrators would over HTTP. */
export function restClient(h: Harness) {
  return async (path: string, init: RequestInit = {}) => {
    const req = new Request(`http://localhost:3000${path}`, init);
    const response = restResponseToFetch(await handleAppRestRequest(restRequestFromFetch(req, null), h.httpDeps()), req.method);
    return {
      status: response.status,
      headers: response.headers,
      // CSV downloads (exportAttendees) answer text; everything else JSON.
      body: (response.headers.get("content-type")?.includes("json") ? await response.json() : { text: await response.text() }) as Record<string, unknown> & {
        error?: { code: string; message: string };
      },
    };
  };
}
