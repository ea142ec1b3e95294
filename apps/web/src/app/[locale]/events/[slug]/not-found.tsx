"use client";

import Link from "next/link";
import { useI18n } from "~/i18n/provider.tsx";

export default function EventNotFound() {
  const { m } = useI18n();
  return (
    <section className="card narrow" aria-labelledby="event-not-found-heading">
      <h1 id="event-not-found-heading">{m.event.notFoundTitle}</h1>
      <p>{m.event.notFoundText}</p>
      <p>
        <Link href="/">{m.common.backToEvents}</Link>
      </p>
    </section>
  );
}
