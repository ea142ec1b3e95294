import type { Db } from "@marquee/db";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { restError } from "../rest/errors.ts";
import type { SessionUser } from "../session.ts";
import type { TAuditActor } from "../services/audit/record-audit.ts";
import type { FileStore } from "../services/files/file-store.ts";
import { removeEventImage, setEventImage } from "../services/event-image/set-event-image.ts";
import { BODY_LIMITS, readFetchBody } from "./body-limit.ts";
import { clientIpBehindNext, type TrustedProxies } from "./client-ip.ts";
import { authorizeConsoleRoute } from "./console-route-auth.ts";
import { getNextServerSession } from "./next-server-session.ts";
import { getServerClients } from "./server-clients.ts";

/** Where the console's upload route lives: `?organizationId=...&eventId=...` names the event. */
export const EVENT_IMAGE_UPLOAD_PATH = "/api/event-image";

const ZEventImageTarget = z.object({ organizationId: z.uuid(), eventId: z.uuid() });

export interface TEventImageUploadDeps {
  db: Db;
  files: FileStore;
  trustedProxies: TrustedProxies;
  /** The console session of a request's cookie, re-checked against the database. */
  sessionOf(headers: Headers): Promise<SessionUser | null>;
}

const answer = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/** The multipart form's `image` file and `alt` text, read with a cap (PAYLOAD_TOO_LARGE past it). */
async function readUpload(req: Request): Promise<{ bytes: Uint8Array; alt: string }> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data"))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the image as multipart/form-data.", { accepted: ["multipart/form-data"] });
  const body = await readFetchBody(req, BODY_LIMITS.eventImage);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("VALIDATION_ERROR", "The form could not be read.");
  }
  const image = form.get("image");
  if (!(image instanceof Blob) || image.size === 0) throw new AppError("VALIDATION_ERROR", "Choose an image file.", { field: "image" });
  const alt = form.get("alt");
  return { bytes: new Uint8Array(await image.arrayBuffer()), alt: typeof alt === "string" ? alt : "" };
}

/**
 * The console's event image: POST a multipart form (`image`, `alt`) to set it, DELETE to remove
 * it. A member with `event.manage` in the event's organisation, same-origin only; the session and
 * role are checked before the body is read, and the body is capped (BODY_LIMITS.eventImage). The
 * type is judged by the file's bytes in the service, never by its name or the browser's claim.
 */
export async function handleEventImageUpload(deps: TEventImageUploadDeps, req: Request): Promise<Response> {
  try {
    const url = new URL(req.url);
    const target = ZEventImageTarget.safeParse({ organizationId: url.searchParams.get("organizationId"), eventId: url.searchParams.get("eventId") });
    if (!target.success) throw new AppError("VALIDATION_ERROR", "Name the organisation and the event.");
    const session = authorizeConsoleRoute(req, await deps.sessionOf(req.headers), target.data.organizationId, "event.manage");
    const actor: TAuditActor = { kind: "user", userId: session.id, ip: clientIpBehindNext(req.headers.get("x-forwarded-for"), deps.trustedProxies) };
    if (req.method === "DELETE") {
      await removeEventImage(deps, { ...target.data, actor });
      return answer({ image: null });
    }
    const upload = await readUpload(req);
    const stored = await setEventImage(deps, { ...target.data, actor, ...upload });
    return answer({ image: { imageKey: stored.imageKey, width: stored.width, height: stored.height } });
  } catch (error) {
    const { status, headers, body } = restError(error);
    return Response.json(body, { status, headers: { ...headers, "cache-control": "no-store" } });
  }
}

/** The console's route handler at /api/event-image. */
export function createNextEventImageUploadHandler() {
  return (req: Request): Promise<Response> => {
    const { db, files, trustedProxies } = getServerClients();
    return handleEventImageUpload({ db, files, trustedProxies, sessionOf: (headers) => getNextServerSession("admin", headers) }, req);
  };
}
