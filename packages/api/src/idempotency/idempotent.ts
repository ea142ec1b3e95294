import { createHash } from "node:crypto";
import type { Context } from "../context.ts";
import { withIdempotency } from "./with-idempotency.ts";

/** Whose keys these are (cart tokens are secrets, so only a digest): the signed-in user, else the cart, else anonymous callers share one space. */
export function idempotencyActor(ctx: Pick<Context, "session" | "request">): string {
  if (ctx.session) return `user:${ctx.session.id}`;
  if (ctx.request.cartToken) return `cart:${createHash("sha256").update(ctx.request.cartToken).digest("base64url").slice(0, 32)}`;
  return "anonymous";
}

/**
 * Wraps a mutation's resolver so it honours the Idempotency-Key header:
 *
 *   create: holdProcedure.input(ZCreateHoldInput).mutation(idempotent("hold.create", ({ ctx, input }) => createHold(ctx, input)))
 *
 * The input is already validated when the resolver runs, so bad input never stores a record.
 */
export function idempotent<TOpts extends { ctx: Context; input: unknown }, TResult>(name: string, resolver: (opts: TOpts) => Promise<TResult>) {
  return (opts: TOpts): Promise<TResult> =>
    withIdempotency(opts.ctx, { scope: `${name}:${idempotencyActor(opts.ctx)}`, key: opts.ctx.request.idempotencyKey, request: opts.input }, () =>
      resolver(opts),
    );
}
