/**
 * REST exposure of a tRPC procedure. A procedure that carries this meta is served under
 * /api/v1<path> and described in /api/openapi.json; everything else stays tRPC-only.
 */
export interface OpenApiOperation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below /api/v1, with {param} segments that name input fields, e.g. "/events/{idOrSlug}". */
  path: `/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** Headers the operation reads; each becomes a security requirement or a parameter in the document. */
  cartToken?: "required" | "optional";
  admissionToken?: "required" | "optional";
  idempotencyKey?: boolean;
  /**
   * Also accept an application/x-www-form-urlencoded body (pusher-js posts channel auth that way).
   * Only for operations that need a custom header (X-Cart-Token) a cross-site form cannot send.
   */
  formBody?: boolean;
  /**
   * A non-JSON answer ("text/csv", "application/zip"): the procedure returns a ReadableStream of the
   * body's bytes (or `{ filename, stream }` for a download), which the handler streams as it is.
   */
  contentType?: "text/csv" | "application/zip";
  /** HTTP status of a success (default 200; e.g. 201 for a create). */
  successStatus?: number;
  /**
   * This operation's body cap in bytes, instead of the REST default (BODY_LIMITS.rest, 64 KB), for the
   * few that take batches (uploadScans: 500 scans). At most BODY_LIMITS.restOperationMax (1 MB); both
   * transports read the body with it and answer 413 PAYLOAD_TOO_LARGE past it.
   */
  maxBodyBytes?: number;
  /** Device operations only: "none" for the one that needs no device credential yet (pairDevice); the others need `Authorization: Bearer mq_dev_...`. */
  deviceCredential?: "none";
}

export interface OpenApiMeta {
  openapi?: OpenApiOperation;
}

/** `.meta(openapi({ ... }))`: typed REST meta for one procedure. */
export const openapi = (operation: OpenApiOperation): OpenApiMeta => ({ openapi: operation });
