// `main.ts all` as `npm start` runs it, with the standalone API server, the local Stripe server
// (real signed webhooks) and an SMTP catcher: each role in turn is SIGKILLed while purchases are
// in flight. The supervisor starts it again, the API keeps answering meanwhile, and every order
// ends PAID.
import { createFactories } from "@marquee/db/testing";
import { describe, expect, it } from "vitest";
import { ROLES, type TRole } from "../src/env.ts";
import { eventually } from "./testing/processes.ts";
import { usePurchaseStack } from "./testing/worker-stack.ts";

const ORDERS_PER_KILL = 2;
// Short enough that recovery happens within the test: a dead worker's jobs come back after 3 s.
const system = usePurchaseStack("restart", {
  env: { JOB_LOCK_SECONDS: "3", RECONCILE_EVERY_SECONDS: "5", MAIL_LEASE_SECONDS: "5" },
  supervised: true,
  timeoutMs: 90_000,
});

async function rest(path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${system.base}/api/v1${path}`, {
    method: options.body === undefined ? "GET" : "POST",
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json", "idempotency-key": crypto.randomUUID() }),
      ...(options.token ? { "x-cart-token": options.token } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A buyer's purchase through the REST API up to the card confirmed (the webhook and the workers do the rest). */
async function buy(eventId: string, ticketTypeId: string) {
  const cart = await rest("/carts", { body: {} });
  const token = String(cart.body.token);
  const hold = await rest(`/events/${eventId}/holds`, { token, body: { items: [{ ticketTypeId, quantity: 1 }] } });
  expect(hold.status).toBe(201);
  const order = await rest(`/holds/${String(hold.body.id)}/checkout`, {
    token,
    body: { buyer: { name: "Restart Buyer", email: `restart-${crypto.randomUUID()}@example.test` } },
  });
  expect(order.status).toBe(201);
  await system.stripe.client.paymentIntents.confirm(String(order.body.paymentIntentId), { payment_method: "pm_card_visa" });
  return String(order.body.id);
}

/** The pid of the role's latest start, from the supervisor's `<role> started (pid N)` lines. */
function rolePid(role: TRole): number | undefined {
  const starts = [...system.stack.supervisor!.stderr().matchAll(new RegExp(`\\[supervisor\\] ${role} started \\(pid (\\d+)\\)`, "g"))];
  return starts.length ? Number(starts.at(-1)![1]) : undefined;
}

const healthy = async (role: TRole) => (await fetch(`http://127.0.0.1:${system.stack.httpPorts[role]}/healthz`).catch(() => undefined))?.status === 200;

describe("main.ts all restarts a role that dies", () => {
  it("SIGKILL of each role in turn during purchases: every role comes back and every order ends PAID", async () => {
    const { event, ticketType } = await createFactories(system.db).gaEvent({ capacity: 100 });
    const orderIds: string[] = [];

    for (const role of ROLES) {
      const pid = rolePid(role)!;
      expect(pid, `${role}'s pid`).toBeGreaterThan(0);
      // Purchases in flight while the role dies.
      const purchases = Array.from({ length: ORDERS_PER_KILL }, () => buy(event.id, ticketType.id));
      process.kill(pid, "SIGKILL");
      // The API answers while the role is down.
      expect((await rest(`/events/${event.id}`)).status).toBe(200);
      orderIds.push(...(await Promise.all(purchases)));
      const restartedPid = await eventually(
        async () => rolePid(role),
        (next) => next !== undefined && next !== pid,
        20_000,
      );
      expect(restartedPid, `${role} started again`).not.toBe(pid);
      expect(await eventually(() => healthy(role), Boolean, 30_000), `${role} healthy again`).toBe(true);
      expect(system.stack.supervisor!.stderr()).toMatch(new RegExp(`\\[supervisor\\] ${role} exited \\(SIGKILL\\) after [\\d.]+ s; restarting it in 0\\.5 s`));
    }

    const paid = await eventually(
      () => system.db.order.count({ where: { id: { in: orderIds }, status: "PAID" } }),
      (count) => count === orderIds.length,
      60_000,
    );
    expect(paid).toBe(orderIds.length);
    for (const role of ROLES) expect(await healthy(role), role).toBe(true);
    expect(system.stack.supervisor!.stderr()).not.toContain("giving up");

    const exit = await system.stack.supervisor!.stop("SIGTERM", 15_000);
    expect(exit).toMatchObject({ code: 0, timedOut: false });
  }, 150_000);
});
