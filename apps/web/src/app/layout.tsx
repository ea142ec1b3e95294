import { AppFrame, RootDocument } from "@marquee/ui/layout";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AccountArea } from "~/components/account-area";
import { SiteFooter } from "~/components/site-footer";
import { I18nProvider } from "~/i18n/provider";
import { getI18n } from "~/i18n/server";
import { RealtimeProvider } from "~/lib/realtime";
import { publicRealtimeConfig } from "~/lib/realtime-env";
import "@marquee/ui/styles/base.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marquee — tickets for live events", template: "%s · Marquee" },
  description: "Concerts, theatre and shows: fair queues, real seats, instant tickets.",
};

export const viewport: Viewport = { themeColor: "#4338ca" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, m } = await getI18n();
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
