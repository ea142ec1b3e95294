import type { ReactNode } from "react";

/** The frame of the console's public pages (sign-up, links from e-mails): brand, heading, one card. */
export function PublicPage({ heading, intro, children }: { heading: string; intro?: string; children: ReactNode }) {
  return (
    <main id="main" className="container signin-page">
      <section className="card narrow" aria-labelledby="page-heading">
        <p className="brand">Marquee Console</p>
        <h1 id="page-heading">{heading}</h1>
        {intro ? <p className="muted">{intro}</p> : null}
        {children}
      </section>
    </main>
  );
}
