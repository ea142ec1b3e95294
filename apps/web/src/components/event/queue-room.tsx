"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useHydrated } from "@marquee/ui/use-hydrated";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { PreQueueView, WaitingView } from "~/components/event/queue-status-view.tsx";
import { useI18n } from "~/i18n/provider.tsx";
import { readCart, rememberQueuePlace, updateCart, useEnsureCart, useStoredCart } from "~/lib/cart-store.ts";
import { useChannel } from "~/lib/realtime.tsx";

type TQueueStatus = RouterOutputs["queue"]["status"];
const NO_TICKET = "00000000-0000-0000-0000-000000000000";
const POLL_MS = 4_000;

interface TQueueEventInfo {
  id: string;
  slug: string;
  name: string;
  timezone: string;
}

/**
 * The waiting room: joins once (a reload reads the stored place instead), then follows the
 * place live on the ticket's private channel, with a queue.status poll as the fallback. Admitted
 * buyers keep the token in the cart and go straight back to the event's ticket selection.
 */
export function QueueRoom({ event }: { event: TQueueEventInfo }) {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const ensureCart = useEnsureCart();
  const cart = useStoredCart();
  const hydrated = useHydrated();
  const place = cart?.queue[event.id];
  const queueTicketId = place?.queueTicketId ?? NO_TICKET;

  const statusOptions = trpc.queue.status.queryOptions({ queueTicketId });
  const status = useQuery({
    ...statusOptions,
    enabled: Boolean(place),
    staleTime: 0,
    retry: (failures, error) => appErrorOf(error).code !== "NOT_FOUND" && failures < 3,
    refetchInterval: (query) => (query.state.data?.status === "WAITING" ? POLL_MS : false),
  });
  const setStatus = useCallback(
    (change: (current: TQueueStatus) => TQueueStatus) => queryClient.setQueryData(statusOptions.queryKey, (current) => (current ? change(current) : current)),
    [queryClient, statusOptions.queryKey],
  );

  const join = useMutation(trpc.queue.join.mutationOptions());
  const [joinError, setJoinError] = useState<unknown>(null);
  const [notifyEmail, setNotifyEmail] = useState("");
  const [notifySaved, setNotifySaved] = useState<string | null>(null);

  const joinQueue = useCallback(
    async (email?: string) => {
      setJoinError(null);
      try {
        await ensureCart();
        const joined = await join.mutateAsync({ eventId: event.id, locale, ...(email ? { notifyEmail: email } : {}) });
        queryClient.setQueryData(trpc.queue.status.queryKey({ queueTicketId: joined.queueTicketId }), joined);
        rememberQueuePlace(event.id, { queueTicketId: joined.queueTicketId, admissionToken: readCart()?.queue[event.id]?.admissionToken ?? null });
        if (email) setNotifySaved(email);
      } catch (error) {
        setJoinError(error);
      }
    },
    [ensureCart, join, event.id, locale, queryClient, trpc],
  );

  // Join once on arrival, unless this browser already has a place (reload, e-mail link).
  const joinedOnce = useRef(false);
  useEffect(() => {
    if (!hydrated || place || readCart()?.queue[event.id] || joinedOnce.current) return;
    joinedOnce.current = true;
    void joinQueue();
  }, [hydrated, place, joinQueue, event.id]);

  // A place this cart no longer owns (cart expired and replaced): forget it and join afresh.
  useEffect(() => {
    if (status.isError && appErrorOf(status.error).code === "NOT_FOUND" && place) {
      joinedOnce.current = false;
      updateCart((current) => {
        const { [event.id]: _, ...queue } = current.queue;
        return { ...current, queue };
      });
    }
  }, [status.isError, status.error, place, event.id]);

  const data = status.data;
  // Admitted: keep the token and go to the tickets.
  useEffect(() => {
    if (data?.status !== "ADMITTED" || !data.admissionToken) return;
    rememberQueuePlace(event.id, {
      queueTicketId: data.queueTicketId,
      admissionToken: data.admissionToken,
      admissionExpiresAt: data.admissionExpiresAt?.toISOString() ?? null,
    });
    router.replace(`/events/${event.slug}#tickets`);
  }, [data, event.id, event.slug, router]);

  // A later join after the on-sale (pre-queue's end) is picked up by the poll; opening times by a timer.
  const opensAt = appErrorOf(joinError).details?.opensAt;
  useEffect(() => {
    if (typeof opensAt !== "string") return;
    const wait = new Date(opensAt).getTime() - Date.now();
    if (wait > 60 * 60_000) return;
    const timer = setTimeout(() => void joinQueue(), Math.max(0, wait) + 500);
    return () => clearTimeout(timer);
  }, [opensAt, joinQueue]);

  const channel = data?.channel ?? null;
  const refetch = status.refetch;
  useChannel<{ position: number; etaSeconds: number | null }>(
    channel,
    "position",
    (message) =>
      setStatus((current) =>
        current.status === "WAITING" ? { ...current, preQueue: false, position: message.position, etaSeconds: message.etaSeconds } : current,
      ),
    () => void refetch(),
  );
  useChannel<{ admissionToken: string; admissionExpiresAt: number | string }>(channel, "admitted", (message) =>
    setStatus((current) => ({
      ...current,
      status: "ADMITTED",
      position: null,
      admissionToken: message.admissionToken,
      admissionExpiresAt: new Date(message.admissionExpiresAt),
    })),
  );
  useChannel(channel, "closed", () => setStatus((current) => ({ ...current, status: "CLOSED", position: null })));

  const onNotify = (formEvent: FormEvent<HTMLFormElement>) => {
    formEvent.preventDefault();
    if (notifyEmail.trim()) void joinQueue(notifyEmail.trim());
  };

  const backLink = (
    <p>
      <Link href={`/events/${event.slug}`}>{m.queue.backToEvent}</Link>
    </p>
  );

  return (
    <section className="queue-room card" aria-labelledby="queue-heading">
      <h1 id="queue-heading">{m.queue.heading}</h1>
      <p className="queue-event-name">
        <Link href={`/events/${event.slug}`}>{event.name}</Link>
      </p>
      {joinError ? <JoinErrorAlert error={joinError} onRetry={() => void joinQueue()} timeZone={event.timezone} /> : null}
      {!data ? (
        joinError ? null : (
          <p className="muted" role="status">
            {m.queue.joining}
          </p>
        )
      ) : data.status === "WAITING" ? (
        <>
          {data.preQueue ? <PreQueueView status={data} timeZone={event.timezone} /> : <WaitingView status={data} />}
          <p className="muted small">{m.queue.keepOpen}</p>
          <form className="queue-notify" onSubmit={onNotify}>
            <div className="field">
              <label htmlFor="queue-notify-email">{m.queue.notify}</label>
              <input
                id="queue-notify-email"
                type="email"
                autoComplete="email"
                value={notifyEmail}
                onChange={(change) => setNotifyEmail(change.target.value)}
                aria-describedby="queue-notify-hint"
              />
              <p id="queue-notify-hint" className="muted small">
                {m.queue.notifyHint}
              </p>
            </div>
            <button type="submit" className="button" disabled={join.isPending}>
              {m.queue.notifySubmit}
            </button>
            <p role="status" className="small">
              {notifySaved ? m.queue.notifySaved(notifySaved) : null}
            </p>
          </form>
        </>
      ) : data.status === "ADMITTED" ? (
        <div role="status">
          <h2>{m.queue.admittedHeading}</h2>
          <p>{m.queue.admitted}</p>
          <Link className="button button-primary" href={`/events/${event.slug}#tickets`}>
            {m.queue.goToTickets}
          </Link>
        </div>
      ) : data.status === "CLOSED" ? (
        <div role="status">
          <h2>{m.queue.closedHeading}</h2>
          <p>{m.queue.closed}</p>
          {backLink}
        </div>
      ) : (
        <div role="status">
          <h2>{data.status === "USED" ? m.queue.usedHeading : m.queue.expiredHeading}</h2>
          <p>{data.status === "USED" ? m.queue.used : m.queue.expired}</p>
          <button type="button" className="button button-primary" onClick={() => void joinQueue()} disabled={join.isPending}>
            {m.queue.joinAgain}
          </button>
        </div>
      )}
      {status.isError && appErrorOf(status.error).code !== "NOT_FOUND" && data ? <p className="muted small">{m.queue.errorStatus}</p> : null}
    </section>
  );
}

function JoinErrorAlert({ error, onRetry, timeZone }: { error: unknown; onRetry(): void; timeZone: string }) {
  const { m, format } = useI18n();
  const { code: appCode, details } = appErrorOf(error);
  let text = m.queue.errorJoin;
  if (appCode === "CONFLICT" && typeof details?.opensAt === "string") text = m.queue.opensAt(format.eventDate(new Date(details.opensAt), timeZone));
  else if (appCode === "CONFLICT") text = m.queue.errorNotOnSale;
  else if (appCode === "RATE_LIMITED") text = m.queue.errorRateLimited(typeof details?.retryAfterSeconds === "number" ? details.retryAfterSeconds : 10);
  return (
    <div className="alert" role="alert">
      <p>{text}</p>
      <button type="button" className="button" onClick={onRetry}>
        {m.queue.tryAgain}
      </button>
    </div>
  );
}
