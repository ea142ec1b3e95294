import type { AppName } from "@marquee/api/auth/options";
import type { ReactNode } from "react";
import { AppHeader } from "./header.tsx";
import { Providers } from "./providers.tsx";

/** The `<html>` of every app's root layout: skip link, session and tRPC providers. */
export function RootDocument({
  app,
  lang = "en",
  skipLinkLabel = "Skip to content",
  children,
}: {
  app: AppName;
  lang?: string;
  skipLinkLabel?: string;
  children: ReactNode;
}) {
  return (
    <html lang={lang}>
      <body>
        <a href="#main" className="skip-link">
          {skipLinkLabel}
        </a>
        <Providers app={app}>{children}</Providers>
      </body>
    </html>
  );
}

/**
 * A page with the app's header: its name, linking home, and `account` on the right (sign-in link
 * or AccountBar). The `<main>` is the skip link's target.
 */
export function AppFrame({ brand, account, footer, children }: { brand: string; account: ReactNode; footer?: ReactNode; children: ReactNode }) {
  return (
    <>
      <AppHeader brand={brand}>{account}</AppHeader>
      <main id="main" className="container">
        {children}
      </main>
      {footer}
    </>
  );
}
