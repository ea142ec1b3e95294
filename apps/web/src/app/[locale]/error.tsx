"use client";

import Link from "next/link";
import { useEffect } from "react";
import { useI18n } from "~/i18n/provider.tsx";

/** A page that failed to render: a calm message, a retry, and a reference support can look up. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { m } = useI18n();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="error-page" aria-labelledby="error-heading">
      <h1 id="error-heading">{m.errors.errorTitle}</h1>
      <p>{m.errors.errorBody}</p>
      <p className="error-actions">
        <button type="button" className="button button-primary" onClick={reset}>
          {m.errors.errorRetry}
        </button>
        <Link href="/">{m.errors.errorHome}</Link>
      </p>
      {error.digest ? <p className="muted small">{m.errors.errorReference(error.digest)}</p> : null}
    </section>
  );
}
