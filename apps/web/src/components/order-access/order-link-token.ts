// The token of an e-mailed order link (`/orders/<id>#token=…`). It arrives in the fragment, which
// browsers never send to a server nor put in a Referer; the page keeps it in this tab's
// sessionStorage (so a reload still works), sends it as X-Order-Token, and takes it out of the
// address bar so it is not shared along with a copied URL or a screenshot.

const storageKey = (orderId: string) => `marquee.order-link.${orderId}`;

/** The token in the address's fragment, if any. */
export function tokenFromHash(): string | null {
  if (typeof window === "undefined") return null;
  return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token");
}

/** The token for this order: the fragment's, else the one this tab kept. */
export function readOrderLinkToken(orderId: string): string | null {
  const fromHash = tokenFromHash();
  if (fromHash) return fromHash;
  try {
    return window.sessionStorage.getItem(storageKey(orderId));
  } catch {
    return null;
  }
}

/** Keeps the token for this tab and, once it is kept, removes it from the address bar. */
export function keepOrderLinkToken(orderId: string, token: string): void {
  try {
    window.sessionStorage.setItem(storageKey(orderId), token);
  } catch {
    // Storage blocked: the address must keep its token, or a reload would lose the order.
    return;
  }
  if (tokenFromHash()) window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
}

/** Forgets a token the API refused. */
export function forgetOrderLinkToken(orderId: string): void {
  try {
    window.sessionStorage.removeItem(storageKey(orderId));
  } catch {
    // Nothing kept.
  }
}
