import type { Locale } from "~/i18n/locales.ts";
import { account } from "~/i18n/messages/account.ts";
import { admission } from "~/i18n/messages/admission.ts";
import { checkout } from "~/i18n/messages/checkout.ts";
import { common } from "~/i18n/messages/common.ts";
import { errors } from "~/i18n/messages/errors.ts";
import { event } from "~/i18n/messages/event.ts";
import { home } from "~/i18n/messages/home.ts";
import { order } from "~/i18n/messages/order.ts";
import { orderAccess } from "~/i18n/messages/order-access.ts";
import { queue } from "~/i18n/messages/queue.ts";
import { seatMap } from "~/i18n/messages/seat-map.ts";
import { release } from "~/i18n/messages/release.ts";
import { security } from "~/i18n/messages/security.ts";
import { support } from "~/i18n/messages/support.ts";
import { wallet } from "~/i18n/messages/wallet.ts";
import { tickets } from "~/i18n/messages/tickets.ts";
import { waitingList } from "~/i18n/messages/waiting-list.ts";

// One file per area of the site (see its header); this puts them together per language.
const catalogue = {
  common,
  home,
  event,
  queue,
  checkout,
  order,
  account,
  support,
  errors,
  wallet,
  seatMap,
  admission,
  release,
  orderAccess,
  security,
  tickets,
  waitingList,
};

type TCatalogue = typeof catalogue;
export type TMessages = { [K in keyof TCatalogue]: TCatalogue[K]["en"] };

export function messagesFor(locale: Locale): TMessages {
  return Object.fromEntries(Object.entries(catalogue).map(([area, byLocale]) => [area, byLocale[locale]])) as TMessages;
}
