import type { TCheckoutMessages } from "~/i18n/messages/checkout.ts";

/** A card failure in the buyer's language, from Stripe's error code and decline code. */
export function declineMessage(m: TCheckoutMessages, code: string | null | undefined, declineCode: string | null | undefined): string {
  switch (declineCode ?? code) {
    case "insufficient_funds":
      return m.declineInsufficientFunds;
    case "expired_card":
      return m.declineExpiredCard;
    case "incorrect_cvc":
    case "invalid_cvc":
      return m.declineIncorrectCvc;
    case "payment_intent_authentication_failure":
    case "authentication_required":
      return m.declineAuthentication;
    case "processing_error":
    case "network_error":
      return m.declineProcessing;
    default:
      return m.declineGeneric;
  }
}
