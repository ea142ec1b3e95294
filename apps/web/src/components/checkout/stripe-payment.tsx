"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { type Stripe, loadStripe } from "@stripe/stripe-js";
import { type FormEvent, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import { declineMessage } from "./payment-messages.ts";

interface TStripePaymentProps {
  publishableKey: string;
  clientSecret: string;
  orderId: string;
  amount: string;
  disabled: boolean;
  onPaid(): void;
}

// One Stripe.js per publishable key for the tab (loadStripe adds Stripe's script once).
const stripes = new Map<string, Promise<Stripe | null>>();
const stripeFor = (publishableKey: string) => {
  let stripe = stripes.get(publishableKey);
  if (!stripe) stripes.set(publishableKey, (stripe = loadStripe(publishableKey)));
  return stripe;
};

/** With a real Stripe key: Stripe's Payment Element; 3-D Secure runs in Stripe's own dialog. */
export function StripePayment(props: TStripePaymentProps) {
  const { locale } = useI18n();
  return (
    <Elements stripe={stripeFor(props.publishableKey)} options={{ clientSecret: props.clientSecret, locale }}>
      <StripePaymentForm {...props} />
    </Elements>
  );
}

const PAID = ["requires_capture", "succeeded", "processing"];

function StripePaymentForm({ clientSecret, orderId, amount, disabled, onPaid }: TStripePaymentProps) {
  const { m } = useI18n();
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements || busy || disabled) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await stripe.confirmPayment({
        elements,
        // Only for payment methods that leave the page; cards come back here.
        confirmParams: { return_url: new URL(`/orders/${orderId}`, window.location.origin).toString() },
        redirect: "if_required",
      });
      if (result.error) {
        // Field errors (incomplete number...) are shown by the Element itself.
        if (result.error.type !== "validation_error") setFailure(declineMessage(m.checkout, result.error.code, result.error.decline_code));
        return;
      }
      let intent = result.paymentIntent;
      if (intent.status === "requires_action") {
        const next = await stripe.handleNextAction({ clientSecret });
        if (next.error) {
          setFailure(declineMessage(m.checkout, next.error.code, next.error.decline_code));
          return;
        }
        if (!next.paymentIntent) return;
        intent = next.paymentIntent;
      }
      if (PAID.includes(intent.status)) onPaid();
      else setFailure(declineMessage(m.checkout, intent.last_payment_error?.code, intent.last_payment_error?.decline_code));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={pay} aria-busy={busy}>
      {ready ? null : <p className="muted">{m.checkout.loadingPaymentForm}</p>}
      <PaymentElement onReady={() => setReady(true)} options={{ layout: "tabs" }} />
      <div aria-live="assertive">
        {failure ? (
          <p className="alert" role="alert">
            {failure}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary button-pay" disabled={!stripe || !ready || busy || disabled}>
        {busy ? m.checkout.paying : m.checkout.payButton(amount)}
      </button>
    </form>
  );
}
