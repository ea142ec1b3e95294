import { AppFrame, RootDocument } from "@marquee/ui/layout";
import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AccountArea } from "~/components/account-area.tsx";
import { SiteFooter } from "~/components/site-footer.tsx";
import { publicRealtimeConfig } from "~/env.ts";
import { isLocale } from "~/i18n/locales.ts";
import { I18nProvider } from "~/i18n/provider.tsx";
import { getI18n } from "~/i18n/server.ts";
import { RealtimeProvider } from "~/lib/realtime.tsx";
import "@marquee/ui/styles/base.css";
import "../globals.css";

export const metadata: Metadata = {
  title: { default: "Marquee — tickets for live events", template: "%s · Marquee" },
  description: "Concerts, theatre and shows: fair queues, real seats, instant tickets.",
};

export const viewport: Viewport = { themeColor: "#4338ca" };

// Each language's pages are rendered on first request and cached where the page allows it (the
// listing and event pages); src/proxy.ts picks the language for plain URLs.
export const generateStaticParams = () => [];

export default async function RootLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale: requested } = await params;
  if (!isLocale(requested)) notFound();
  const { locale, m } = await getI18n(requested);
  return (
    <RootDocument app="web" lang={locale} skipLinkLabel={m.common.skipToContent}>
      <I18nProvider locale={locale}>
        <RealtimeProvider config={publicRealtimeConfig()}>
          <AppFrame brand={m.common.brand} account={<AccountArea />} footer={<SiteFooter />}>
            {children}
          </AppFrame>
        </RealtimeProvider>
      </I18nProvider>
    </RootDocument>
  );
}
