import { randomBytes } from "node:crypto";
import { openSealedValue, sealValue } from "../../lib/sealed-value.ts";

// Endpoint secrets must be readable again (the worker signs with them), so they are sealed rather
// than hashed, bound to the endpoint's id: a database dump alone cannot sign.

const PURPOSE = "webhook-secret";

/** `whsec_` and 32 random bytes, base64url. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/** `v1.<iv>.<ciphertext>.<tag>` (lib/sealed-value.ts). */
export const sealWebhookSecret = (endpointId: string, secret: string): string => sealValue(PURPOSE, endpointId, secret);

/** The secret, or null when the value does not open (another endpoint's, or another AUTH_SECRET). */
export const openWebhookSecret = (endpointId: string, stored: string): string | null => openSealedValue(PURPOSE, endpointId, stored);
