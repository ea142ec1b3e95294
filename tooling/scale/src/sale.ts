// The on-sale through HAProxy: buyers make carts and join the waiting room over HTTP, each with a
// pusher-js client on HAProxy's WebSocket frontend subscribed to its private queue channel. An
// `admitted` push (or the queue status read after a reconnect) sends the buyer on: hold with the
// admission token, checkout, card confirmed at the local Stripe server; the workers do the rest.
import { randomUUID } from "node:crypto";
import Pusher from "pusher-js";
import type { StripeSettings } from "@marquee/api/services/payments/stripe-client";
import { type BuyerHttp } from "./buyer-client.ts";
import { SOKETI_APP } from "./topology.ts";

export type BuyerState = "waiting" | "buying" | "confirmed" | "refused" | "failed" | "closed";

export interface Buyer {
  index: number;
  email: string;
  token: string;
  ticketId: string;
  state: BuyerState;
  orderId?: string;
  failure?: string;
  /** The live connection dropped after it had been up. */
  dropped: boolean;
  /** ... and came back (pusher-js reconnects and subscribes again). */
  reconnected: boolean;
  /** ... and the buyer re-read its queue status after the new subscription. */
  resynced: boolean;
  /** Admitted by the status read after a reconnect rather than by a push. */
  admittedByResync: boolean;
}

export interface SaleContext {
  http: BuyerHttp;
  wsPort: number;
  eventId: string;
  ticketTypeId: string;
  stripe: StripeSettings;
  /** Every hold request: when it was sent and how long it took (retries included). */
  holds: { at: number; ms: number; status: number }[];
  log: (line: string) => void;
}

/** A cart and a queue ticket for each buyer (the on-sale has not started: all in the pre-queue). */
export async function joinBuyers(context: SaleContext, count: number, run: string): Promise<Buyer[]> {
  const buyers: Buyer[] = [];
  for (let index = 0; index < count; index++) {
    const cart = await context.http.request("POST", "/api/v1/carts", {}, {});
    if (cart.status !== 201) throw new Error(`createCart: HTTP ${cart.status} ${JSON.stringify(cart.body).slice(0, 200)}`);
    const token = String(cart.body.token);
    const joined = await context.http.request("POST", `/api/v1/events/${context.eventId}/queue`, { "x-cart-token": token }, {});
    if (joined.status !== 200) throw new Error(`joinQueue: HTTP ${joined.status} ${JSON.stringify(joined.body).slice(0, 200)}`);
    const email = `scale-${run}-${index}@example.test`;
    buyers.push({
      index,
      email,
      token,
      ticketId: joined.body.queueTicketId,
      state: "waiting",
      dropped: false,
      reconnected: false,
      resynced: false,
      admittedByResync: false,
    });
  }
  return buyers;
}

/** Hold -> checkout -> card confirmed; a settled state either way. */
async function buy(context: SaleContext, buyer: Buyer, admissionToken: string): Promise<void> {
  if (buyer.state !== "waiting") return;
  buyer.state = "buying";
  const headers = { "x-cart-token": buyer.token };
  try {
    const hold = await context.http.request(
      "POST",
      `/api/v1/events/${context.eventId}/holds`,
      { ...headers, "x-admission-token": admissionToken, "idempotency-key": randomUUID() },
      { items: [{ ticketTypeId: context.ticketTypeId, quantity: 1 }] },
    );
    context.holds.push({ at: hold.at, ms: hold.ms, status: hold.status });
    if (hold.status !== 201) {
      buyer.state = hold.status >= 500 || hold.status === 0 ? "failed" : "refused";
      buyer.failure = `hold ${hold.status} ${hold.body?.error?.code ?? ""}`;
      return;
    }
    const order = await context.http.request(
      "POST",
      `/api/v1/holds/${hold.body.id}/checkout`,
      { ...headers, "idempotency-key": randomUUID() },
      { buyer: { name: `Scale Buyer ${buyer.index}`, email: buyer.email } },
    );
    if (order.status !== 201) {
      buyer.state = "failed";
      buyer.failure = `checkout ${order.status} ${order.body?.error?.code ?? ""}`;
      return;
    }
    buyer.orderId = String(order.body.id);
    for (let attempt = 1; ; attempt++) {
      try {
        await context.stripe.client.paymentIntents.confirm(String(order.body.paymentIntentId), { payment_method: "pm_card_visa" });
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
      }
    }
    buyer.state = "confirmed";
  } catch (error) {
    buyer.state = "failed";
    buyer.failure = error instanceof Error ? error.message : String(error);
  }
}

/** The queue status over HTTP: what a reconnected client reads to catch up on pushes it may have missed. */
async function resync(context: SaleContext, buyer: Buyer): Promise<void> {
  const answer = await context.http.request("GET", `/api/v1/queue/${buyer.ticketId}`, { "x-cart-token": buyer.token });
  if (answer.status !== 200) return;
  buyer.resynced = true;
  if (answer.body.status === "ADMITTED" && answer.body.admissionToken && buyer.state === "waiting") {
    buyer.admittedByResync = true;
    await buy(context, buyer, answer.body.admissionToken);
  } else if (answer.body.status === "CLOSED" && buyer.state === "waiting") buyer.state = "closed";
}

export interface Connected {
  /** Purchases under way (awaited before the checks). */
  buying: Promise<void>[];
  close(): void;
}

/** One pusher-js client per buyer; resolves once every channel is subscribed. */
export async function connectBuyers(context: SaleContext, buyers: Buyer[]): Promise<Connected> {
  const buying: Promise<void>[] = [];
  const clients: Pusher[] = [];
  const subscribed: Promise<void>[] = [];
  // Our own disconnect at the end is no drop.
  let closing = false;
  for (const buyer of buyers) {
    const client = new Pusher(SOKETI_APP.key, {
      cluster: "local",
      wsHost: "127.0.0.1",
      wsPort: context.wsPort,
      forceTLS: false,
      enabledTransports: ["ws"],
      disableStats: true,
      channelAuthorization: {
        endpoint: "/api/v1/realtime/auth",
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          context.http
            .request("POST", "/api/v1/realtime/auth", { "x-cart-token": buyer.token }, { socket_id: socketId, channel_name: channelName })
            .then((answer) => (answer.status === 200 ? callback(null, answer.body) : callback(new Error(`auth ${answer.status}`), null)))
            .catch((error: Error) => callback(error, null));
        },
      },
    });
    clients.push(client);
    let connectedOnce = false;
    client.connection.bind("state_change", ({ previous, current }: { previous: string; current: string }) => {
      if (current === "connected") {
        if (connectedOnce && buyer.dropped) buyer.reconnected = true;
        connectedOnce = true;
      } else if (previous === "connected" && !closing) buyer.dropped = true;
    });
    const channel = client.subscribe(`private-queue-${buyer.ticketId}`);
    channel.bind_global((event: string, data: { admissionToken?: string }) => {
      if (event === "admitted" && data.admissionToken) buying.push(buy(context, buyer, data.admissionToken));
      else if (event === "closed" && buyer.state === "waiting") buyer.state = "closed";
    });
    let subscriptions = 0;
    subscribed.push(
      new Promise((resolve, reject) => {
        channel.bind("pusher:subscription_succeeded", () => {
          // A subscription after the first one follows a reconnect: catch up over HTTP.
          if (++subscriptions > 1) buying.push(resync(context, buyer));
          resolve();
        });
        channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`subscription refused: ${JSON.stringify(error)}`)));
      }),
    );
  }
  await Promise.all(subscribed);
  return {
    buying,
    close: () => {
      closing = true;
      clients.forEach((client) => client.disconnect());
    },
  };
}

/** Every buyer's state counted. */
export const tally = (buyers: Buyer[]) =>
  buyers.reduce<Record<BuyerState, number>>((counts, buyer) => ({ ...counts, [buyer.state]: counts[buyer.state] + 1 }), {
    waiting: 0,
    buying: 0,
    confirmed: 0,
    refused: 0,
    failed: 0,
    closed: 0,
  });
