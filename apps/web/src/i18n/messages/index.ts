import type { Locale } from "~/i18n/locales.ts";
import { account } from "~/i18n/messages/account.ts";
import { checkout } from "~/i18n/messages/checkout.ts";
import { common } from "~/i18n/messages/common.ts";
import { errors } from "~/i18n/messages/errors.ts";
import { event } from "~/i18n/messages/event.ts";
import { home } from "~/i18n/messages/home.ts";
import { order } from "~/i18n/messages/order.ts";
import { queue } from "~/i18n/messages/queue.ts";
import { support } from "~/i18n/messages/support.ts";
import { tickets } from "~/i18n/messages/tickets.ts";

// One file per area of the site (see its header); this puts them together per language.
const catalogue = { common, home, event, queue, checkout, order, account, support, errors, tickets };

type TCatalogue = typeof catalogue;
export type TMessages = { [K in keyof TCatalogue]: TCatalogue[K]["en"] };

export function messagesFor(locale: Locale): TMessages {
  return Object.fromEntries(Object.entries(catalogue).map(([area, byLocale]) => [area, byLocale[locale]])) as TMessages;
}
