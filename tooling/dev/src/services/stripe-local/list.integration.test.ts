import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import type { StripeTestServer } from "./server.ts";
import { rejectionOf, startWithClient, stripeClient } from "./testing.ts";

// Each test has its own server and clock, so `created` values and list contents are its own.
const servers: StripeTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function startWithClock(startSeconds = 1_900_000_000) {
  const clock = { seconds: startSeconds };
  const { server, stripe } = await startWithClient({ now: () => clock.seconds * 1000 });
  servers.push(server);
  return { server, stripe, clock };
}

/** Create `count` intents one after another; returns their ids, oldest first. */
async function createIntents(stripe: Stripe, count: number, params: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) ids.push((await stripe.paymentIntents.create({ amount: 1000 + index, currency: "eur", ...params })).id);
  return ids;
}

const ids = (list: Stripe.ApiList<Stripe.PaymentIntent>) => list.data.map((intent) => intent.id);
const newestFirst = (oldestFirst: string[]) => [...oldestFirst].reverse();

describe("GET /v1/payment_intents through the official SDK", () => {
  it("answers a list newest first, keeping creation order within one second", async () => {
    const { stripe, clock } = await startWithClock();
    const sameSecond = await createIntents(stripe, 4);
    clock.seconds += 1;
    const later = await createIntents(stripe, 3);
    // A clock step back: `created` still decides the order before the creation sequence does.
    clock.seconds -= 5;
    const [earliest] = await createIntents(stripe, 1);

    const list = await stripe.paymentIntents.list();
    expect(list).toMatchObject({ object: "list", url: "/v1/payment_intents", has_more: false });
    expect(ids(list)).toEqual([...newestFirst(later), ...newestFirst(sameSecond), earliest]);
    expect(list.data[0]).toMatchObject({ object: "payment_intent", amount: 1002, created: clock.seconds + 5 });
  });

  it("pages with starting_after and ending_before without skipping or repeating within a second", async () => {
    const { stripe } = await startWithClock();
    const all = newestFirst(await createIntents(stripe, 7));

    const first = await stripe.paymentIntents.list({ limit: 3 });
    expect([ids(first), first.has_more]).toEqual([all.slice(0, 3), true]);
    const second = await stripe.paymentIntents.list({ limit: 3, starting_after: first.data.at(-1)!.id });
    expect([ids(second), second.has_more]).toEqual([all.slice(3, 6), true]);
    const third = await stripe.paymentIntents.list({ limit: 3, starting_after: second.data.at(-1)!.id });
    expect([ids(third), third.has_more]).toEqual([all.slice(6), false]);

    // Back from the third page: the objects just newer than the cursor, still newest first.
    const previous = await stripe.paymentIntents.list({ limit: 2, ending_before: all[6]! });
    expect([ids(previous), previous.has_more]).toEqual([all.slice(4, 6), true]);
    const top = await stripe.paymentIntents.list({ limit: 3, ending_before: all[2]! });
    expect([ids(top), top.has_more]).toEqual([all.slice(0, 2), false]);
    const none = await stripe.paymentIntents.list({ ending_before: all[0]! });
    expect([ids(none), none.has_more]).toEqual([[], false]);
  });

  it("auto-paginates over more than two pages, forwards and backwards, yielding every intent once", async () => {
    const { stripe, clock } = await startWithClock();
    await createIntents(stripe, 2);
    clock.seconds += 10;
    const since = clock.seconds;
    const created: string[] = [];
    for (let second = 0; second < 4; second++, clock.seconds++) created.push(...(await createIntents(stripe, 3)));

    const forwards: string[] = [];
    for await (const intent of stripe.paymentIntents.list({ created: { gte: since }, limit: 3 })) forwards.push(intent.id);
    expect(forwards).toEqual(newestFirst(created));

    // With ending_before the SDK walks towards newer objects, yielding oldest first.
    const backwards = await stripe.paymentIntents.list({ ending_before: created[0]!, limit: 5 }).autoPagingToArray({ limit: 100 });
    expect(backwards.map((intent) => intent.id)).toEqual(created.slice(1));
  });

  it("filters on created: an exact timestamp or gt, gte, lt and lte", async () => {
    const { stripe, clock } = await startWithClock(2_000_000_000);
    const bySecond: string[][] = [];
    for (let second = 0; second < 4; second++, clock.seconds++) bySecond.push(await createIntents(stripe, 2));
    const at = (...seconds: number[]) => seconds.flatMap((second) => newestFirst(bySecond[second]!));
    const t = 2_000_000_000;

    expect(ids(await stripe.paymentIntents.list({ created: t + 1 }))).toEqual(at(1));
    expect(ids(await stripe.paymentIntents.list({ created: { gt: t + 1 } }))).toEqual(at(3, 2));
    expect(ids(await stripe.paymentIntents.list({ created: { gte: t + 1, lt: t + 3 } }))).toEqual(at(2, 1));
    expect(ids(await stripe.paymentIntents.list({ created: { lte: t + 1 } }))).toEqual(at(1, 0));
    expect(ids(await stripe.paymentIntents.list({ created: { gt: t + 3 } }))).toEqual([]);

    // A cursor outside the filter still marks a place in the whole list.
    const afterNewest = await stripe.paymentIntents.list({ created: { lte: t + 1 }, starting_after: bySecond[3]![0]! });
    expect(ids(afterNewest)).toEqual(at(1, 0));

    const unknownOperator = await rejectionOf(stripe.paymentIntents.list({ created: { eq: t } } as unknown as Stripe.PaymentIntentListParams));
    expect(unknownOperator).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "created[eq]" });
    const notInteger = await rejectionOf(stripe.rawRequest("GET", "/v1/payment_intents?created[gte]=soon"));
    expect(notInteger).toMatchObject({ statusCode: 400, code: "parameter_invalid_integer", param: "created[gte]" });
  });

  it("takes limit 1 to 100 (default 10) and refuses others with an invalid_request_error on limit", async () => {
    const { stripe } = await startWithClock();
    const all = newestFirst(await createIntents(stripe, 12));
    expect(ids(await stripe.paymentIntents.list())).toEqual(all.slice(0, 10));
    expect(ids(await stripe.paymentIntents.list({ limit: 1 }))).toEqual(all.slice(0, 1));
    expect(ids(await stripe.paymentIntents.list({ limit: 100 }))).toEqual(all);

    for (const limit of [0, 101, -1]) {
      const error = await rejectionOf(stripe.paymentIntents.list({ limit }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, rawType: "invalid_request_error", param: "limit" });
    }
    expect(await rejectionOf(stripe.rawRequest("GET", "/v1/payment_intents?limit=ten"))).toMatchObject({
      statusCode: 400,
      code: "parameter_invalid_integer",
      param: "limit",
    });
  });

  it("answers resource_missing for an unknown cursor and refuses both cursors at once", async () => {
    const { stripe } = await startWithClock();
    const [id] = await createIntents(stripe, 1);
    const after = await rejectionOf(stripe.paymentIntents.list({ starting_after: "pi_unknown" }));
    expect(after).toMatchObject({
      statusCode: 404,
      type: "StripeInvalidRequestError",
      code: "resource_missing",
      param: "starting_after",
      message: "No such payment_intent: 'pi_unknown'",
    });
    expect(await rejectionOf(stripe.paymentIntents.list({ ending_before: "pi_unknown" }))).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      param: "ending_before",
    });
    expect(await rejectionOf(stripe.paymentIntents.list({ starting_after: id!, ending_before: id! }))).toMatchObject({
      statusCode: 400,
      rawType: "invalid_request_error",
    });
  });

  it("expands data.latest_charge, filters on customer and refuses unknown parameters", async () => {
    const { stripe } = await startWithClock();
    const paid = await stripe.paymentIntents.create({
      amount: 2000,
      currency: "eur",
      payment_method: "pm_card_visa",
      confirm: true,
      customer: "cus_marquee_a",
    });
    await createIntents(stripe, 2, { customer: "cus_marquee_b" });

    const expanded = await stripe.paymentIntents.list({ customer: "cus_marquee_a", expand: ["data.latest_charge"] });
    expect(expanded.data).toHaveLength(1);
    expect(expanded.data[0]).toMatchObject({ id: paid.id, customer: "cus_marquee_a", latest_charge: { object: "charge", payment_intent: paid.id } });
    expect(await stripe.paymentIntents.list({ customer: "cus_nobody" })).toMatchObject({ data: [], has_more: false });

    expect(await rejectionOf(stripe.paymentIntents.list({ expand: ["latest_charge"] }))).toMatchObject({ statusCode: 400, param: "expand" });
    const unknown = await rejectionOf(stripe.paymentIntents.list({ status: "succeeded" } as Stripe.PaymentIntentListParams));
    expect(unknown).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "status" });
  });

  it("refuses a publishable key, even with an intent's client_secret", async () => {
    const { server, stripe } = await startWithClock();
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: "eur" });
    const browser = stripeClient(server, {}, "pk_test_marquee_local");
    const error = await rejectionOf(browser.paymentIntents.list());
    expect(error).toMatchObject({ statusCode: 401, type: "StripeAuthenticationError", message: expect.stringContaining("publishable API key") });
    expect(await rejectionOf(browser.rawRequest("GET", `/v1/payment_intents?client_secret=${intent.client_secret!}`))).toMatchObject({ statusCode: 401 });
  });
});
