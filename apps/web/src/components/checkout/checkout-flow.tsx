"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPCClient } from "@marquee/ui/trpc";
import { appErrorOf, refusedOriginMessage } from "@marquee/ui/trpc/app-error";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import type { TMessages } from "~/i18n/messages/index.ts";
import { rememberOrder } from "~/lib/cart-store.ts";
import { BuyerForm } from "./buyer-form.tsx";
import { type TCheckoutRequest, checkoutKeyFor, readCheckoutSession, rememberCheckout, renewCheckoutKey } from "./checkout-session.ts";
import { HoldCountdown, useSecondsLeft } from "./hold-countdown.tsx";
import { HoldSummary } from "./hold-summary.tsx";
import type { TPaymentConfig } from "./env.ts";
import { StripePayment } from "./stripe-payment.tsx";
import { TestCardForm } from "./test-card-form.tsx";

type THold = RouterOutputs["hold"]["get"];
type THoldQuote = RouterOutputs["order"]["quote"];
type TCheckoutOrder = RouterOutputs["order"]["checkout"];

interface TCheckoutFlowProps {
  hold: THold;
  quote: THoldQuote;
  /** Server clock minus this browser's (see clockOffsetMs). */
  clockOffsetMs: number;
  payment: TPaymentConfig;
  /** The countdown reached zero, or the API said HOLD_EXPIRED. */
  onExpired(): void;
  onNotFound(): void;
  /** The card was accepted for this order. */
  onPaid(orderId: string): void;
  releaseButton: ReactNode;
}

type TFormError = { message: string; field: "voucher" | null };

/** A refused checkout in the buyer's words; "expired"/"notFound" end the page instead. */
function checkoutFailure(m: TMessages, error: unknown): TFormError | "expired" | "notFound" | "retry" {
  const { code, details } = appErrorOf(error);
  if (code === "HOLD_EXPIRED") return "expired";
  if (code === "NOT_FOUND") return "notFound";
  if (details?.reason === "VOUCHER_INVALID") return { message: m.checkout.voucherInvalid, field: "voucher" };
  if (details?.reason === "VOUCHER_USED_UP") return { message: m.checkout.voucherUsedUp, field: "voucher" };
  // The same key still running (a double submit): ask again shortly, the first answer is replayed.
  if (code === "CONFLICT" && typeof details?.retryAfterSeconds === "number") return "retry";
  if (code === "CONFLICT") return { message: details?.ticketTypeId ? m.checkout.priceChanged : m.checkout.notOnSale, field: null };
  if (code === "PAYMENTS_UNAVAILABLE") return { message: m.checkout.paymentsUnavailable, field: null };
  if (code === "RATE_LIMITED") return { message: m.checkout.rateLimited, field: null };
  return { message: refusedOriginMessage(error) ?? m.checkout.genericError, field: null };
}

/** The card form the configuration asks for: the local Stripe test server's or Stripe's own. */
function PaymentForm({
  payment,
  order,
  amount,
  disabled,
  onPaid,
}: Pick<TCheckoutFlowProps, "payment" | "onPaid"> & { order: TCheckoutOrder; amount: string; disabled: boolean }) {
  const { m } = useI18n();
  if (payment.mode === "unavailable") {
    return (
      <p className="alert" role="alert">
        {m.checkout.paymentNotConfigured}
      </p>
    );
  }
  const card = { publishableKey: payment.publishableKey, clientSecret: order.clientSecret, amount, disabled, onPaid: () => onPaid(order.id) };
  return payment.mode === "local" ? <TestCardForm apiUrl={payment.apiUrl} {...card} /> : <StripePayment orderId={order.id} {...card} />;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The live hold: countdown, summary, the buyer's details, then the card. */
export function CheckoutFlow({ hold, quote, clockOffsetMs, payment, onExpired, onNotFound, onPaid, releaseButton }: TCheckoutFlowProps) {
  const { m, format, locale } = useI18n();
  const client = useTRPCClient();
  const secondsLeft = useSecondsLeft(hold.expiresAt, clockOffsetMs);
  const [order, setOrder] = useState<TCheckoutOrder | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<TFormError | null>(null);
  const [initial] = useState(() => readCheckoutSession(hold.id)?.request ?? null);
  const inFlight = useRef(false);
  const paymentHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (secondsLeft === 0) onExpired();
  }, [secondsLeft, onExpired]);

  async function submit(request: TCheckoutRequest, attempt = 0): Promise<void> {
    if (inFlight.current && attempt === 0) return;
    inFlight.current = true;
    setSubmitting(true);
    setFormError(null);
    try {
      const idempotencyKey = checkoutKeyFor(hold.id);
      const result = await client.order.checkout.mutate({ holdId: hold.id, ...request, locale }, { context: { idempotencyKey } });
      rememberCheckout(hold.id, result.id, request);
      rememberOrder(result.id);
      const paid = result.status !== "PENDING" || result.payment?.status === "AUTHORIZED" || result.payment?.status === "CAPTURED";
      if (paid) onPaid(result.id);
      else setOrder(result);
    } catch (error) {
      const failure = checkoutFailure(m, error);
      if (appErrorOf(error).code === "IDEMPOTENCY_MISMATCH" && attempt === 0) {
        // Other details than this browser sent before under the key: a new request (the API
        // still answers the hold's existing order, if there is one).
        renewCheckoutKey(hold.id);
        return await submit(request, attempt + 1);
      }
      if (failure === "retry" && attempt < 5) {
        await sleep(1_000);
        return await submit(request, attempt + 1);
      }
      if (failure === "expired") onExpired();
      else if (failure === "notFound") onNotFound();
      else {
        // Refused for good: a corrected attempt must not replay this answer.
        if (appErrorOf(error).code !== null) renewCheckoutKey(hold.id);
        setFormError(failure === "retry" ? { message: m.checkout.genericError, field: null } : failure);
      }
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  // A reload after the order was made: the same request and key bring the same order back.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    const session = readCheckoutSession(hold.id);
    if (session?.orderId && session.request) void submit(session.request);
  }, []);

  useEffect(() => {
    if (order) paymentHeading.current?.focus();
  }, [order]);

  const amount = order ? format.price(order.totalMinor, order.currency) : "";
  const expired = secondsLeft === 0;

  return (
    <div className="checkout-layout">
      <div className="checkout-main">
        <HoldCountdown secondsLeft={secondsLeft} />
        {hold.prices
          .filter((price) => price.demandPriced)
          .map((price) => (
            <p key={price.ticketTypeId} className="hold-price-locked" data-testid="hold-price-locked">
              {m.checkout.priceHeld(format.price(price.unitPriceMinor, price.currency))}
            </p>
          ))}
        {order ? (
          <section className="card" aria-labelledby="checkout-payment-heading">
            <h2 id="checkout-payment-heading" ref={paymentHeading} tabIndex={-1}>
              {m.checkout.paymentHeading}
            </h2>
            <p className="muted small">{m.checkout.orderReference(order.reference)}</p>
            <PaymentForm payment={payment} order={order} amount={amount} disabled={expired} onPaid={onPaid} />
          </section>
        ) : (
          <BuyerForm
            holdId={hold.id}
            initial={initial}
            submitting={submitting}
            error={formError}
            disabled={expired}
            onSubmit={(request) => void submit(request)}
          />
        )}
      </div>
      <aside className="checkout-aside">
        <HoldSummary quote={quote} order={order} />
        {releaseButton}
      </aside>
    </div>
  );
}
