"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { readOrderLinkToken } from "~/components/order-access/order-link-token.ts";
import { useI18n } from "~/i18n/provider.tsx";
import "~/styles/wallet.css";

/** Apple's wallet glyph, drawn here: three cards fanned in a rounded pocket. */
function AppleWalletGlyph() {
  return (
    <svg className="wallet-glyph" viewBox="0 0 32 24" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="22" rx="4" fill="#d9d9d9" />
      <rect x="3" y="3" width="26" height="7" rx="2" fill="#3d9ee8" />
      <rect x="3" y="6" width="26" height="7" rx="2" fill="#f5b52e" />
      <rect x="3" y="9" width="26" height="7" rx="2" fill="#4cb050" />
      <rect x="3" y="12" width="26" height="7" rx="2" fill="#ef5a45" />
      <path d="M1 14h9c1.5 0 2.5 3 6 3s4.5-3 6-3h9v5a4 4 0 0 1-4 4H5a4 4 0 0 1-4-4z" fill="#1f1f1f" />
    </svg>
  );
}

/** Google Wallet's glyph, drawn here: four stacked bands in Google's colours. */
function GoogleWalletGlyph() {
  return (
    <svg className="wallet-glyph" viewBox="0 0 32 24" aria-hidden="true" focusable="false">
      <rect x="2" y="1" width="28" height="9" rx="3" fill="#4285f4" />
      <rect x="2" y="5" width="28" height="9" rx="3" fill="#34a853" />
      <rect x="2" y="9" width="28" height="9" rx="3" fill="#fbbc04" />
      <path d="M2 14a3 3 0 0 1 3-3h6c2 0 3 3 5 3s3-3 5-3h6a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3z" fill="#ea4335" />
    </svg>
  );
}

export interface TWalletButtonsProps {
  /** The ticket's order: an e-mailed link's token for it (kept by this tab) is sent along. */
  orderId: string;
  ticketId: string;
  /** The ticket's short code: names the ticket in the buttons' accessible names. */
  shortCode: string;
  /** Only valid tickets get wallet passes. */
  valid: boolean;
}

/**
 * "Add to Apple Wallet" (a signed .pkpass link) and "Save to Google Wallet" (Google's save link)
 * for one ticket. The links come from wallet.links, which gives them only to whoever may read the
 * order, and expire after an hour: fetched again a minute before and on window focus.
 */
export function WalletButtons({ orderId, ticketId, shortCode, valid }: TWalletButtonsProps) {
  const { m } = useI18n();
  const trpc = useTRPC();
  // A guest who opened the order with its e-mailed link: the link's token (kept by this tab) grants the passes too.
  const [orderToken] = useState(() => readOrderLinkToken(orderId));
  const links = useQuery({
    ...trpc.wallet.links.queryOptions({ ticketId }, { trpc: { context: { orderToken } } }),
    enabled: valid,
    retry: 1,
    refetchOnWindowFocus: true,
    refetchInterval: (query) => {
      const expiresAt = query.state.data?.expiresAt;
      return expiresAt ? Math.max(30_000, expiresAt.getTime() - Date.now() - 60_000) : false;
    },
  });
  if (!valid) return null;
  if (links.isError) return <p className="muted small wallet-note">{m.wallet.unavailable}</p>;
  if (!links.data)
    return (
      <p className="muted small wallet-note" role="status">
        {m.wallet.loading}
      </p>
    );
  return (
    <div className="wallet-buttons" role="group" aria-label={m.wallet.groupLabel(shortCode)}>
      <a className="wallet-button" href={links.data.applePass} aria-label={m.wallet.addToApple(shortCode)} data-wallet="apple">
        <AppleWalletGlyph />
        <span className="wallet-button-text">
          <span className="wallet-button-small">{m.wallet.appleSmall}</span>
          <span className="wallet-button-large">{m.wallet.appleLarge}</span>
        </span>
      </a>
      <a
        className="wallet-button"
        href={links.data.googleSave}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={m.wallet.saveToGoogle(shortCode)}
        data-wallet="google"
      >
        <GoogleWalletGlyph />
        <span className="wallet-button-text">
          <span className="wallet-button-small">{m.wallet.googleSmall}</span>
          <span className="wallet-button-large">{m.wallet.googleLarge}</span>
        </span>
      </a>
      {links.data.development ? <p className="muted small wallet-note">{m.wallet.development}</p> : null}
    </div>
  );
}
