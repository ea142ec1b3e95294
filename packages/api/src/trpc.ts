import { TRPCError, initTRPC } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import type { Context } from "./context.ts";
import { AppError, appCodeOf } from "./errors.ts";
import { findControlCharacter } from "./lib/control-characters.ts";
import { observeProcedure, transportOf } from "./observability/metrics.ts";
import { inSpan, setSpanError } from "./observability/tracing.ts";
import { type Capability, requireCapability } from "./permissions.ts";
import { authenticateDevice } from "./services/checkin/devices/authenticate-device.ts";

interface Issue {
  path: PropertyKey[] | readonly (PropertyKey | { key: PropertyKey })[];
  message: string;
}

const validationIssues = (cause: unknown) => {
  const issues = (cause as { issues?: Issue[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  return issues.map((issue) => ({
    path: issue.path.map((part) => String(typeof part === "object" && part !== null && "key" in part ? part.key : part)).join("."),
    message: issue.message,
  }));
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const appCode = appCodeOf(error);
    return {
      ...shape,
      // Never leak internals: unknown errors keep their code but lose their message.
      message: appCode === "INTERNAL" ? "Something went wrong on our side." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        appCode,
        issues: appCode === "VALIDATION_ERROR" ? validationIssues(error.cause) : undefined,
        details: error.cause instanceof AppError ? error.cause.details : undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Prometheus: every procedure call counted and timed by path, transport and outcome (ok or its
 * AppError code), outermost so refusals by the guards below count too. REST calls are counted by
 * the REST handler instead (once per request, refusals before any procedure included).
 */
const requestMetrics = t.middleware(async ({ ctx, path, next }) => {
  const transport = transportOf(ctx.request.trpcSource);
  if (transport === "rest") return next();
  const startedAt = performance.now();
  const result = await next();
  observeProcedure(path, transport, result.ok ? null : result.error, startedAt);
  return result;
});

/** A span per procedure call, named by its path, for tRPC and REST alike (REST calls through a caller). */
const tracing = t.middleware(({ ctx, path, type, next }) => {
  const attributes = { "rpc.system": "trpc", "rpc.method": path, "marquee.procedure.type": type, "marquee.transport": transportOf(ctx.request.trpcSource) };
  return inSpan(path, { attributes }, async (span) => {
    const result = await next();
    if (!result.ok) setSpanError(span, result.error.code);
    return result;
  });
});

/** AppErrors thrown by services become tRPC errors carrying their machine-readable code. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw result.error.cause.toTRPCError();
  return result;
});

/**
 * CSRF guard for mutations: route handlers have none built in. A mutation must carry our client's
 * x-trpc-source header (a cross-site form cannot set it without a CORS preflight, which we never
 * grant) and must not come from another site's origin. A refused origin is named in the answer,
 * with the address to open instead (the app's own origin, first in allowedOrigins).
 */
const csrfGuard = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.request.trpcSource !== "server") {
    const { origin, secFetchSite, trpcSource } = ctx.request;
    const expected = ctx.allowedOrigins[0] ?? null;
    const openHere = expected ? `; open the site at ${expected}.` : ".";
    if (origin !== null && !ctx.allowedOrigins.includes(origin)) {
      throw new AppError("CSRF_REJECTED", `Requests from ${origin} are not accepted here${openHere}`, { origin, expected }).toTRPCError();
    }
    const sameSite = secFetchSite === null || secFetchSite === "same-origin" || secFetchSite === "none";
    if (!trpcSource || !sameSite) {
      throw new AppError("CSRF_REJECTED", `Cross-site request refused${openHere}`, { origin, expected }).toTRPCError();
    }
  }
  return next();
});

/**
 * Junk is refused at the edge, for tRPC and REST alike (REST calls procedures through a caller):
 * a string anywhere in the input with a control character (NUL, which PostgreSQL cannot store,
 * and the rest) is VALIDATION_ERROR before any schema or service sees it.
 */
const controlCharacterGuard = t.middleware(async ({ getRawInput, next }) => {
  const path = findControlCharacter(await getRawInput());
  if (path !== null) throw new AppError("VALIDATION_ERROR", "The input contains control characters.", { path }).toTRPCError();
  return next();
});

export const publicProcedure = t.procedure.use(tracing).use(requestMetrics).use(appErrors).use(controlCharacterGuard).use(csrfGuard);

/** Any signed-in user (buyers included). */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new AppError("UNAUTHORIZED", "Please sign in.").toTRPCError();
  return next({ ctx: { session: ctx.session } });
});

/**
 * A procedure inside one organisation: the input names the organisation, and the caller must be a
 * member whose role grants the capability. Every organiser-side procedure starts here, so no
 * procedure can forget the tenant check.
 */
export const organizationProcedure = (capability: Capability) =>
  authedProcedure.input(z.object({ organizationId: z.uuid() })).use(({ ctx, input, next }) => {
    let membership;
    try {
      membership = requireCapability(ctx.session, input.organizationId, capability);
    } catch (error) {
      throw error instanceof AppError ? error.toTRPCError() : error;
    }
    return next({ ctx: { organization: { id: membership.organizationId, role: membership.role } } });
  });

export const organiserProcedure = organizationProcedure("event.view");
export const doorStaffProcedure = organizationProcedure("checkin.scan");
export const supportAgentProcedure = organizationProcedure("support.answer");

/**
 * A paired door scanner (`Authorization: Bearer mq_dev_...`): ctx.device is the device, its
 * organisation and the events and lists it may scan. Every device procedure starts here; a revoked
 * device is DEVICE_REVOKED. Device procedures take no organizationId: the credential decides.
 */
export const deviceProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const device = await authenticateDevice(ctx, ctx.request.deviceToken ?? null);
  return next({ ctx: { device } });
});

export const platformAdminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.session.platformRole !== "PLATFORM_ADMIN") throw new AppError("FORBIDDEN", "Platform administrators only.").toTRPCError();
  return next();
});

export { TRPCError };
