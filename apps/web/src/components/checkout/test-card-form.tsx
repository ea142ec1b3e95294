"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import { BankDialog } from "./bank-dialog.tsx";
import { LocalPaymentError, type TLocalIntent, authenticateIntent, confirmIntent } from "./local-stripe.ts";
import { declineMessage } from "./payment-messages.ts";
import { HINT_CARDS, checkExpiry, digitsOf, formatCardNumber, formatExpiry, isCvc, passesLuhn, testCardOutcome, testPaymentMethodFor } from "./test-cards.ts";

interface TTestCardFormProps {
  apiUrl: string;
  publishableKey: string;
  clientSecret: string;
  /** The formatted total, for the Pay button and the bank step. */
  amount: string;
  disabled: boolean;
  /** The card was accepted (authorised): the order page takes over. */
  onPaid(): void;
}

const PAID: TLocalIntent["status"][] = ["requires_capture", "succeeded", "processing"];

/**
 * Card number, expiry and CVC, checked as a real form would, confirmed on the local Stripe test
 * server. A declined card leaves the same PaymentIntent waiting for another card, so a decline
 * then a good card makes one order and one payment.
 */
export function TestCardForm({ apiUrl, publishableKey, clientSecret, amount, disabled, onPaid }: TTestCardFormProps) {
  const { m } = useI18n();
  const ids = useId();
  const [number, setNumber] = useState("");
  const [expiry, setExpiry] = useState("");
  const [cvc, setCvc] = useState("");
  const [touched, setTouched] = useState({ number: false, expiry: false, cvc: false });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [bankStep, setBankStep] = useState(false);
  const numberRef = useRef<HTMLInputElement>(null);
  const expiryRef = useRef<HTMLInputElement>(null);
  const cvcRef = useRef<HTMLInputElement>(null);
  const target = { apiUrl, publishableKey, clientSecret };

  const digits = digitsOf(number);
  const numberError = !passesLuhn(digits) ? m.checkout.cardNumberInvalid : testPaymentMethodFor(digits) === null ? m.checkout.cardNumberUnknown : null;
  const expiryCheck = checkExpiry(expiry);
  const expiryError = expiryCheck === "invalid" ? m.checkout.expiryInvalid : expiryCheck === "past" ? m.checkout.expiryPast : null;
  const cvcError = isCvc(cvc) ? null : m.checkout.cvcInvalid;

  function settle(intent: TLocalIntent) {
    if (PAID.includes(intent.status)) {
      onPaid();
      return;
    }
    if (intent.status === "requires_action") {
      setBankStep(true);
      return;
    }
    const error = intent.last_payment_error;
    setFailure(declineMessage(m.checkout, error?.code, error?.decline_code));
  }

  function fail(error: unknown) {
    if (error instanceof LocalPaymentError) {
      // Paid already (a second tab, a reload after the answer was lost): nothing to confirm.
      if (error.intent && PAID.includes(error.intent.status)) {
        onPaid();
        return;
      }
      // Cancelled: the order expired (nobody paid before the hold ended).
      setFailure(error.intent?.status === "canceled" ? m.checkout.expiredBody : declineMessage(m.checkout, error.code, error.declineCode));
      return;
    }
    setFailure(m.checkout.declineProcessing);
  }

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || disabled) return;
    setTouched({ number: true, expiry: true, cvc: true });
    const firstInvalid = numberError ? numberRef : expiryError ? expiryRef : cvcError ? cvcRef : null;
    if (firstInvalid) {
      firstInvalid.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      settle(await confirmIntent(target, testPaymentMethodFor(digits)!));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function authenticate(outcome: "succeed" | "fail") {
    setBusy(true);
    try {
      const intent = await authenticateIntent(target, outcome);
      setBankStep(false);
      settle(intent);
    } catch (error) {
      setBankStep(false);
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  const showNumberError = touched.number && numberError;
  const showExpiryError = touched.expiry && expiryError;
  const showCvcError = touched.cvc && cvcError;

  return (
    <>
      <form className="stack card-form" noValidate onSubmit={pay} aria-busy={busy}>
        <div className="field">
          <label htmlFor={`${ids}-number`}>{m.checkout.cardNumberLabel}</label>
          <input
            ref={numberRef}
            id={`${ids}-number`}
            name="cardnumber"
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="1234 1234 1234 1234"
            value={number}
            onChange={(event) => setNumber(formatCardNumber(event.target.value))}
            onBlur={() => setTouched((current) => ({ ...current, number: digits.length > 0 || current.number }))}
            aria-invalid={showNumberError ? true : undefined}
            aria-describedby={showNumberError ? `${ids}-number-error` : undefined}
          />
          {showNumberError ? (
            <p id={`${ids}-number-error`} className="field-error">
              {numberError}
            </p>
          ) : null}
        </div>
        <div className="card-form-row">
          <div className="field">
            <label htmlFor={`${ids}-expiry`}>{m.checkout.expiryLabel}</label>
            <input
              ref={expiryRef}
              id={`${ids}-expiry`}
              name="exp-date"
              inputMode="numeric"
              autoComplete="cc-exp"
              placeholder="MM / YY"
              value={expiry}
              onChange={(event) => setExpiry(formatExpiry(event.target.value, expiry))}
              onBlur={() => setTouched((current) => ({ ...current, expiry: expiry.length > 0 || current.expiry }))}
              aria-invalid={showExpiryError ? true : undefined}
              aria-describedby={showExpiryError ? `${ids}-expiry-error` : undefined}
            />
            {showExpiryError ? (
              <p id={`${ids}-expiry-error`} className="field-error">
                {expiryError}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-cvc`}>{m.checkout.cvcLabel}</label>
            <input
              ref={cvcRef}
              id={`${ids}-cvc`}
              name="cvc"
              inputMode="numeric"
              autoComplete="cc-csc"
              maxLength={4}
              placeholder="123"
              value={cvc}
              onChange={(event) => setCvc(digitsOf(event.target.value).slice(0, 4))}
              onBlur={() => setTouched((current) => ({ ...current, cvc: cvc.length > 0 || current.cvc }))}
              aria-invalid={showCvcError ? true : undefined}
              aria-describedby={showCvcError ? `${ids}-cvc-error` : undefined}
            />
            {showCvcError ? (
              <p id={`${ids}-cvc-error`} className="field-error">
                {cvcError}
              </p>
            ) : null}
          </div>
        </div>
        <div aria-live="assertive">
          {failure ? (
            <p className="alert" role="alert">
              {failure}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary button-pay" disabled={busy || disabled}>
          {busy && !bankStep ? m.checkout.paying : m.checkout.payButton(amount)}
        </button>
      </form>
      <TestCardHint />
      <BankDialog
        open={bankStep}
        amount={amount}
        busy={busy}
        onAuthorise={() => void authenticate("succeed")}
        onFail={() => void authenticate("fail")}
        onCancel={() => {
          setBankStep(false);
          setFailure(m.checkout.authenticationCancelled);
        }}
      />
    </>
  );
}

function TestCardHint() {
  const { m } = useI18n();
  const ids = useId();
  const outcomes = {
    succeeds: m.checkout.testCardSucceeds,
    declined: m.checkout.testCardDeclined,
    insufficientFunds: m.checkout.testCardInsufficientFunds,
    authentication: m.checkout.testCardAuthentication,
  };
  return (
    <aside className="test-card-hint" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{m.checkout.testModeHeading}</h3>
      <p className="small">{m.checkout.testModeIntro}</p>
      <dl>
        {HINT_CARDS.map((card) => (
          <div key={card.number}>
            <dt>
              <code>{card.number}</code>
            </dt>
            <dd>{outcomes[testCardOutcome(card)]}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
