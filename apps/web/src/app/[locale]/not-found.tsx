"use client";

import Link from "next/link";
import { useI18n } from "~/i18n/provider.tsx";

export default function NotFound() {
  const { m } = useI18n();
  return (
    <section className="error-page" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{m.errors.notFoundTitle}</h1>
      <p>{m.errors.notFoundBody}</p>
      <p>
        <Link href="/" className="button button-primary">
          {m.errors.notFoundHome}
        </Link>
      </p>
    </section>
  );
}
