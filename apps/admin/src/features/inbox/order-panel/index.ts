// The order panel of the inbox's conversation page: <BuyerOrdersPanel organizationId conversation />
// with `conversation` = inbox.get's answer (see TBuyerOrdersPanelProps).
export { BuyerOrdersPanel, type TBuyerOrdersPanelProps } from "./buyer-orders-panel.tsx";
export type { TBuyerOrder, TInboxConversation } from "./use-order-action.ts";
