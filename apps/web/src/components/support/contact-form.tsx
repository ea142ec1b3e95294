"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useMemo, useState } from "react";
import { readOrderLinkToken } from "~/components/order-access/order-link-token.ts";
import { rememberConversation } from "~/components/support/conversation-store.ts";
import { supportErrorMessage } from "~/components/support/support-error.ts";
import { useI18n } from "~/i18n/provider.tsx";
import { useStoredCart } from "~/lib/cart-store.ts";

const SUBJECT_MAX = 200;
const MESSAGE_MAX = 5000;

/** The "Contact support" form: about the order it was opened for, else about an upcoming event. */
export function ContactForm({ orderId }: { orderId: string | null }) {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const ids = useId();
  const { status: sessionStatus } = useSession();
  const cart = useStoredCart();
  const hydrated = useHydrated();

  const me = useQuery(trpc.account.me.queryOptions(undefined, { enabled: sessionStatus === "authenticated" }));
  // Signed in, the order is the account's (whichever cart, or browser, it was paid in); a guest's is the cart's.
  const signedIn = sessionStatus === "authenticated";
  const accountOrder = useQuery(trpc.account.order.queryOptions({ orderId: orderId ?? "" }, { enabled: orderId !== null && signedIn, retry: false }));
  const cartOrder = useQuery(
    trpc.order.get.queryOptions(
      { orderId: orderId ?? "" },
      { enabled: orderId !== null && sessionStatus === "unauthenticated" && cart !== null, retry: false },
    ),
  );
  // A guest who opened the order with its e-mailed link (this tab kept the token) asks about it through the link.
  const linkToken = useMemo(() => (hydrated && orderId ? readOrderLinkToken(orderId) : null), [hydrated, orderId]);
  const linkedOrder = useQuery(
    trpc.order.byLink.queryOptions(
      { orderId: orderId ?? "" },
      { trpc: { context: { orderToken: linkToken } }, enabled: orderId !== null && linkToken !== null && sessionStatus === "unauthenticated", retry: false },
    ),
  );
  const order = signedIn ? accountOrder : linkToken ? linkedOrder : cartOrder;
  // A guest without a cart (or link) in this browser cannot be shown the order: the buyer picks the event instead.
  const aboutOrder = orderId !== null && !order.isError && (!hydrated || signedIn || sessionStatus === "loading" || cart !== null || linkToken !== null);

  // Untouched fields show the account's name and e-mail once they load (null = not edited yet).
  const [name, setName] = useState<string | null>(null);
  const [email, setEmail] = useState<string | null>(null);
  const [eventId, setEventId] = useState("");
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const start = useMutation(trpc.support.start.mutationOptions({ trpc: { context: { orderToken: linkToken } } }));

  const nameValue = name ?? me.data?.name ?? "";
  const emailValue = email ?? me.data?.email ?? "";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    const topic = aboutOrder && orderId ? { orderId } : { eventId: eventId || undefined };
    start.mutate(
      { name: nameValue, email: emailValue, subject, message, locale, ...topic },
      {
        onSuccess: ({ conversationId, accessToken }) => {
          rememberConversation({ conversationId, accessToken, subject: subject.trim(), createdAt: new Date().toISOString() });
          // The token rides in the fragment, which browsers never send to the server.
          router.push(`/support/${conversationId}#token=${encodeURIComponent(accessToken)}`);
        },
      },
    );
  }

  return (
    <form className="card support-form" onSubmit={onSubmit} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{m.support.formHeading}</h2>
      <div className="field">
        <label htmlFor={`${ids}-name`}>{m.support.name}</label>
        <input id={`${ids}-name`} name="name" autoComplete="name" required maxLength={120} value={nameValue} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-email`}>{m.support.email}</label>
        <input
          id={`${ids}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          aria-describedby={`${ids}-email-hint`}
          value={emailValue}
          onChange={(e) => setEmail(e.target.value)}
        />
        <p id={`${ids}-email-hint`} className="muted small">
          {m.support.emailHint}
        </p>
      </div>
      {aboutOrder ? (
        <OrderTopic loading={order.isPending} reference={order.data?.reference ?? null} />
      ) : (
        <EventTopic id={`${ids}-event`} value={eventId} onChange={setEventId} orderMissing={orderId !== null} />
      )}
      <div className="field">
        <label htmlFor={`${ids}-subject`}>{m.support.subject}</label>
        <input id={`${ids}-subject`} name="subject" required maxLength={SUBJECT_MAX} value={subject} onChange={(e) => setSubject(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-message`}>{m.support.message}</label>
        <textarea
          id={`${ids}-message`}
          name="message"
          required
          rows={7}
          maxLength={MESSAGE_MAX}
          aria-describedby={`${ids}-message-hint`}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <p id={`${ids}-message-hint`} className="muted small">
          {m.support.messageHint}
        </p>
      </div>
      {start.isError ? (
        <p className="alert" role="alert">
          {supportErrorMessage(start.error, m.support)}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button-primary" disabled={start.isPending || start.isSuccess || (aboutOrder && order.isPending)}>
          {start.isPending || start.isSuccess ? m.support.sending : m.support.send}
        </button>
      </div>
    </form>
  );
}

function OrderTopic({ loading, reference }: { loading: boolean; reference: string | null }) {
  const { m } = useI18n();
  return (
    <div className="field">
      <p className="support-label">{m.support.about}</p>
      <p className="support-topic">{loading || !reference ? m.support.aboutOrderLoading : m.support.aboutOrder(reference)}</p>
    </div>
  );
}

function EventTopic({ id, value, onChange, orderMissing }: { id: string; value: string; onChange: (eventId: string) => void; orderMissing: boolean }) {
  const { m, format } = useI18n();
  const trpc = useTRPC();
  // Always re-read: the cached list may come from a listing page rendered a while ago.
  const events = useQuery(trpc.event.list.queryOptions({ limit: 50 }, { refetchOnMount: "always" }));
  return (
    <div className="field">
      {orderMissing ? (
        <p className="support-notice" role="status">
          {m.support.orderNotFound}
        </p>
      ) : null}
      <label htmlFor={id}>{m.support.about}</label>
      <select id={id} name="eventId" required value={value} onChange={(e) => onChange(e.target.value)} disabled={!events.isSuccess || events.data.length === 0}>
        <option value="">{events.isPending ? m.support.eventsLoading : m.support.chooseEvent}</option>
        {events.data?.map((event) => (
          <option key={event.id} value={event.id}>
            {event.name} — {format.eventDate(event.startsAt)}
          </option>
        ))}
      </select>
      {events.isError ? (
        <p className="alert" role="alert">
          {m.support.eventsError}{" "}
          <button type="button" className="button" onClick={() => void events.refetch()}>
            {m.common.tryAgain}
          </button>
        </p>
      ) : null}
      {events.isSuccess && events.data.length === 0 ? <p className="muted small">{m.support.noEvents}</p> : null}
    </div>
  );
}
