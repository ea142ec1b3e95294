export type { TEmail, TEmailBase } from "./layout.ts";
export type { TEmailTicket } from "./ticket-lines.ts";
export { orderConfirmationEmail, type TOrderConfirmationEmail } from "./order-confirmation.ts";
export { refundEmail, type TRefundEmail } from "./refund.ts";
export { paidAfterExpiryEmail, type TPaidAfterExpiryEmail, type TPaidAfterExpiryIssued, type TPaidAfterExpiryRefunded } from "./paid-after-expiry.ts";
export { eventCancelledEmail, type TEventCancelledEmail } from "./event-cancelled.ts";
export { queueAdmissionEmail, type TQueueAdmissionEmail } from "./queue-admission.ts";
export { waitingListOfferEmail, type TWaitingListOfferEmail } from "./waiting-list-offer.ts";
export { supportReplyEmail, type TSupportReplyEmail } from "./support-reply.ts";
export { orderLinkEmail, type TOrderLinkEmail } from "./order-link.ts";
export { supportAcknowledgementEmail, type TSupportAcknowledgementEmail } from "./support-acknowledgement.ts";
export { passwordResetEmail, type TPasswordResetEmail } from "./password-reset.ts";
export {
  refundRequestEmail,
  ticketTransferReceivedEmail,
  ticketTransferSentEmail,
  type TRefundRequestEmail,
  type TTicketTransferReceivedEmail,
  type TTicketTransferSentEmail,
} from "./ticket-self-service.ts";
export {
  organizerAccountExistsEmail,
  organizerConfirmEmail,
  teamInvitationEmail,
  type TOrganizerAccountExistsEmail,
  type TOrganizerConfirmEmail,
  type TTeamInvitationEmail,
} from "./organizer-team.ts";
