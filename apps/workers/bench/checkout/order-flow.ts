// Part 1: orders per second from hold to fulfilled (tickets, capture, invoice PDF, e-mail with
// PDFs) through the real processes. Buyers are simulated here: REST createCart -> createHold ->
// checkout -> PaymentIntent confirmed with the official SDK -> the confirmation e-mail arrives.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { runPool } from "../../../../packages/api/bench/lib/http-json.ts";
import { DEAD_LETTER_QUEUE, QUEUE_NAMES, queuePrefix } from "@marquee/api/jobs";
import { latency, type TLatency } from "./figures.ts";
import { type TOrderStack } from "./order-stack.ts";

export interface TOrderFlowOptions {
  orders: number;
  concurrency: number;
  warmup: number;
  /** How often the mail catcher is looked at (in process: a copy of its list, new messages only). */
  pollMs: number;
  /** How long one order may take to reach its e-mail. */
  orderTimeoutMs: number;
  /** Orders placed one at a time after the warm-up (confirm -> PAID of a lone order). */
  lone: number;
}

interface TPlaced {
  email: string;
  token: string;
  orderId: string;
  /** Wall clock (Date.now) when the hold request was sent: compared with the worker's paidAt. */
  holdAt: number;
  holdMs: number;
  checkoutMs: number;
  confirmMs: number;
  apiMs: number;
  /** Wall clock (Date.now) when the card confirmation returned: compared with the worker's paidAt. */
  confirmedAt: number;
}

/** Sees each e-mail once, by recipient, at the first poll after it arrived. */
function watchMail(stack: TOrderStack, pollMs: number) {
  const seenAt = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  let read = 0;
  const timer = setInterval(() => {
    const messages = stack.catcher.messages();
    const now = Date.now();
    for (; read < messages.length; read++) {
      for (const to of messages[read]!.to) {
        const address = to.toLowerCase();
        if (!seenAt.has(address)) seenAt.set(address, now);
        waiters.get(address)?.(now);
        waiters.delete(address);
      }
    }
  }, pollMs);
  return {
    /** Wall-clock time the e-mail to `email` was seen; rejects after `timeoutMs`. */
    arrival(email: string, timeoutMs: number): Promise<number> {
      const seen = seenAt.get(email);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(() => {
          waiters.delete(email);
          reject(new Error(`no e-mail to ${email} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiters.set(email, (at) => {
          clearTimeout(timeout);
          resolve(at);
        });
      });
    },
    stop: () => clearInterval(timer),
  };
}

const expectStatus = (step: string, answer: { status: number; body: unknown }, status: number) => {
  if (answer.status !== status) throw new Error(`${step}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
};

/** One buyer up to the confirmed card: cart, hold, checkout, confirm. */
async function placeOrder(stack: TOrderStack, email: string): Promise<TPlaced> {
  const cart = await stack.api("POST", "/api/v1/carts", {}, {});
  expectStatus("createCart", cart, 201);
  const token = String(cart.body.token);
  const headers = { "x-cart-token": token };
  const holdAt = Date.now();
  const started = performance.now();
  const hold = await stack.api("POST", `/api/v1/events/${stack.eventId}/holds`, headers, { items: [{ ticketTypeId: stack.ticketTypeId, quantity: 1 }] });
  expectStatus("createHold", hold, 201);
  const order = await stack.api("POST", `/api/v1/holds/${hold.body.id}/checkout`, headers, { buyer: { name: "Bench Buyer", email } });
  expectStatus("checkout", order, 201);
  const confirmStarted = performance.now();
  await stack.stripe.client.paymentIntents.confirm(String(order.body.paymentIntentId), { payment_method: "pm_card_visa" });
  const done = performance.now();
  const confirmedAt = Date.now();
  return {
    email,
    token,
    orderId: String(order.body.id),
    holdAt,
    holdMs: hold.ms,
    checkoutMs: order.ms,
    confirmMs: done - confirmStarted,
    apiMs: done - started,
    confirmedAt,
  };
}

/** GET /orders/{id} until PAID (the e-mail follows PAID, so normally the first answer). */
async function restSaysPaid(stack: TOrderStack, placed: TPlaced, deadline: number): Promise<boolean> {
  for (;;) {
    const answer = await stack.api("GET", `/api/v1/orders/${placed.orderId}`, { "x-cart-token": placed.token });
    if (answer.status === 200 && answer.body.status === "PAID") return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const apiFigures = (placed: TPlaced[]) => ({
  api: latency(placed.map((p) => p.apiMs)),
  hold: latency(placed.map((p) => p.holdMs)),
  checkout: latency(placed.map((p) => p.checkoutMs)),
  confirm: latency(placed.map((p) => p.confirmMs)),
});

/** hold -> PAID per order, from the worker's paidAt (same machine clock) and the hold's send time. */
async function holdToPaid(stack: TOrderStack, placed: TPlaced[]): Promise<TLatency> {
  const orders = await stack.db.order.findMany({ where: { id: { in: placed.map((p) => p.orderId) } }, select: { id: true, paidAt: true } });
  const paidAt = new Map(orders.map((order) => [order.id, order.paidAt?.getTime()]));
  return latency(placed.flatMap((p) => (paidAt.get(p.orderId) === undefined ? [] : [paidAt.get(p.orderId)! - p.holdAt])));
}

interface TPhaseContext {
  stack: TOrderStack;
  options: TOrderFlowOptions;
  mail: ReturnType<typeof watchMail>;
  emailOf: (phase: string, index: number) => string;
  failures: string[];
}

const indices = (count: number) => Array.from({ length: count }, (_, i) => i);
const failureText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `count` whole purchases, `concurrency` buyers at a time, each waiting for its e-mail and a PAID GET. */
async function endToEnd(context: TPhaseContext, phase: string, count: number, concurrency: number) {
  const { stack, options, mail } = context;
  const results: { placed: TPlaced; mailAt: number; restPaid: boolean }[] = [];
  await runPool(indices(count), concurrency, async (index) => {
    try {
      const placed = await placeOrder(stack, context.emailOf(phase, index));
      const mailAt = await mail.arrival(placed.email, options.orderTimeoutMs);
      results.push({ placed, mailAt, restPaid: await restSaysPaid(stack, placed, Date.now() + 10_000) });
    } catch (error) {
      context.failures.push(`${phase} #${index}: ${failureText(error)}`);
    }
  });
  // First hold sent to last e-mail seen.
  const seconds = results.length ? (Math.max(...results.map((r) => r.mailAt)) - Math.min(...results.map((r) => r.placed.holdAt))) / 1000 : NaN;
  return { results, seconds };
}

/** The worker's paidAt of an order, polled every 10 ms (the tickets are issued before PAID). */
async function paidAtOf(stack: TOrderStack, orderId: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await stack.db.order.findUnique({ where: { id: orderId }, select: { paidAt: true } });
    if (order?.paidAt) return order.paidAt.getTime();
    if (Date.now() > deadline) throw new Error(`order ${orderId} not PAID within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Orders one at a time, each alone in the pipeline (its e-mail awaited): card confirmed -> PAID. */
async function loneOrders(context: TPhaseContext, phase: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (const index of indices(count)) {
    try {
      const placed = await placeOrder(context.stack, context.emailOf(phase, index));
      latencies.push((await paidAtOf(context.stack, placed.orderId, context.options.orderTimeoutMs)) - placed.confirmedAt);
      await context.mail.arrival(placed.email, context.options.orderTimeoutMs);
    } catch (error) {
      context.failures.push(`${phase} #${index}: ${failureText(error)}`);
    }
  }
  return latencies;
}

/** a) The API part alone: webhooks held, so the workers stay idle while it runs. */
async function apiAlone(context: TPhaseContext) {
  const { stack, options } = context;
  stack.stripeServer.holdDeliveries();
  const placed: TPlaced[] = [];
  const started = performance.now();
  await runPool(indices(options.orders), options.concurrency, async (index) => {
    try {
      placed.push(await placeOrder(stack, context.emailOf("api", index)));
    } catch (error) {
      context.failures.push(`api #${index}: ${failureText(error)}`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  return { placed, figures: { orders: placed.length, seconds, perSecond: placed.length / seconds, ...apiFigures(placed) } };
}

/** b) The held webhooks released at once: the workers drain a backlog of paid-for orders. */
async function backlog(context: TPhaseContext, placed: TPlaced[]) {
  const started = Date.now();
  const release = context.stack.stripeServer.releaseDeliveries({ shuffle: false });
  const arrivals = await Promise.allSettled(placed.map((p) => context.mail.arrival(p.email, context.options.orderTimeoutMs + placed.length * 1_000)));
  await release;
  const done = arrivals.filter((r): r is PromiseFulfilledResult<number> => r.status === "fulfilled").map((r) => r.value);
  arrivals.forEach((r, i) => r.status === "rejected" && context.failures.push(`backlog: ${failureText(r.reason)} (order ${placed[i]!.orderId})`));
  const seconds = (Math.max(started, ...done) - started) / 1000;
  return { orders: done.length, seconds, perSecond: done.length / seconds };
}

export async function benchOrderFlow(stack: TOrderStack, options: TOrderFlowOptions) {
  const run = Date.now().toString(36);
  const context: TPhaseContext = {
    stack,
    options,
    mail: watchMail(stack, options.pollMs),
    emailOf: (phase, index) => `bench-${phase}-${index}-${run}@example.test`,
    failures: [],
  };
  try {
    // The first order after the stack said healthy: what is still lazy at start-up shows here.
    const cold = await loneOrders(context, "cold", 1);
    // Warm-up: JIT, pools, the event's Redis inventory, fonts for the PDFs, every role's first job.
    const warm = await endToEnd(context, "warm", options.warmup, Math.min(options.warmup, 4));
    const lone = latency(await loneOrders(context, "lone", options.lone));
    const api = await apiAlone(context);
    const drained = await backlog(context, api.placed);
    // c) End to end: C buyers, each waits for its e-mail (and PAID over REST) before its next order.
    const e2e = await endToEnd(context, "e2e", options.orders, options.concurrency);
    const e2ePlaced = e2e.results.map((r) => r.placed);
    return {
      warm: { orders: warm.results.length, seconds: warm.seconds },
      coldConfirmToPaid: cold[0] ?? NaN,
      loneConfirmToPaid: lone,
      apiAlone: api.figures,
      backlog: drained,
      endToEnd: {
        orders: e2e.results.length,
        seconds: e2e.seconds,
        perSecond: e2e.results.length / e2e.seconds,
        holdToPaid: await holdToPaid(stack, e2ePlaced),
        holdToMail: latency(e2e.results.map((r) => r.mailAt - r.placed.holdAt)),
        restPaid: e2e.results.filter((r) => r.restPaid).length,
        ...apiFigures(e2ePlaced),
      },
      checks: await verify(stack, 1 + options.warmup + options.lone + 2 * options.orders),
      failures: context.failures,
    };
  } finally {
    context.mail.stop();
  }
}

export interface TCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What must hold once every order is through: each paid, ticketed, invoiced (gap-free), e-mailed once; no dead letters. */
async function verify(stack: TOrderStack, expected: number): Promise<TCheck[]> {
  const { db } = stack;
  const orders = await db.order.groupBy({ by: ["status"], where: { eventId: stack.eventId }, _count: true });
  const byStatus = Object.fromEntries(orders.map((row) => [row.status, row._count]));
  const paid = byStatus.PAID ?? 0;
  const tickets = await db.ticket.count({ where: { eventId: stack.eventId, status: "VALID" } });
  const invoices = await db.invoice.aggregate({
    where: { organizationId: stack.organizationId, kind: "INVOICE" },
    _count: true,
    _min: { number: true },
    _max: { number: true },
  });
  const distinctNumbers = (await db.invoice.groupBy({ by: ["number"], where: { organizationId: stack.organizationId } })).length;
  const invoicedOrders = (await db.invoice.groupBy({ by: ["orderId"], where: { organizationId: stack.organizationId, kind: "INVOICE" } })).length;
  const perAddress = new Map<string, number>();
  for (const message of stack.catcher.messages()) for (const to of message.to) perAddress.set(to.toLowerCase(), (perAddress.get(to.toLowerCase()) ?? 0) + 1);
  const benchMail = [...perAddress].filter(([address]) => address.startsWith("bench-"));
  const duplicates = benchMail.filter(([, count]) => count > 1).length;

  const redis = new Redis(stack.roleEnv.REDIS_URL!, { maxRetriesPerRequest: null });
  const deadLetter = new Queue(DEAD_LETTER_QUEUE, { connection: redis, prefix: queuePrefix(stack.redisPrefix, DEAD_LETTER_QUEUE) });
  const roleQueues = Object.values(QUEUE_NAMES).map((name) => new Queue(name, { connection: redis, prefix: queuePrefix(stack.redisPrefix, name) }));
  try {
    const letters = Object.values(await deadLetter.getJobCounts()).reduce((sum, count) => sum + count, 0);
    const failed = await Promise.all(roleQueues.map(async (queue) => [queue.name, (await queue.getJobCounts("failed")).failed ?? 0] as const));
    const failedJobs = failed.filter(([, count]) => count > 0);
    return [
      { name: "orders PAID", ok: paid === expected, detail: `${paid}/${expected} (by status ${JSON.stringify(byStatus)})` },
      { name: "tickets (valid)", ok: tickets === expected, detail: `${tickets}/${expected}` },
      {
        name: "invoices, gap-free numbers",
        ok:
          invoices._count === expected &&
          invoicedOrders === expected &&
          invoices._min.number === 1 &&
          invoices._max.number === expected &&
          distinctNumbers === expected,
        detail: `${invoices._count} invoices for ${invoicedOrders} orders, numbers ${invoices._min.number}..${invoices._max.number}, ${distinctNumbers} distinct`,
      },
      {
        name: "confirmation e-mails",
        ok: benchMail.length === expected && duplicates === 0,
        detail: `${benchMail.length}/${expected} buyers e-mailed, ${duplicates} more than once`,
      },
      {
        name: "dead-letter jobs",
        ok: letters === 0,
        detail: `${letters}${failedJobs.length ? `; failed jobs kept in ${failedJobs.map(([name, count]) => `${name} ${count}`).join(", ")}` : ""}`,
      },
    ];
  } finally {
    await Promise.all([deadLetter.close(), ...roleQueues.map((queue) => queue.close())]);
    await redis.quit();
  }
}
