import { createNextWalletHandler } from "@marquee/api/http/next-wallet-handler";

// Wallet passes: signed .pkpass downloads (/api/wallet/passes/<token>, links from wallet.links)
// and Apple's PassKit web service (/api/wallet/apple/v1/...). packages/api/src/services/wallet.
const handler = createNextWalletHandler();
export const GET = handler;
export const HEAD = handler;
export const POST = handler;
export const DELETE = handler;
