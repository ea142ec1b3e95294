import type { Locale } from "~/i18n/locales";
import { account } from "~/i18n/messages/account";
import { checkout } from "~/i18n/messages/checkout";
import { common } from "~/i18n/messages/common";
import { errors } from "~/i18n/messages/errors";
import { event } from "~/i18n/messages/event";
import { home } from "~/i18n/messages/home";
import { order } from "~/i18n/messages/order";
import { queue } from "~/i18n/messages/queue";
import { support } from "~/i18n/messages/support";

// One file per area of the site (see its header); this puts them together per language.
const catalogue = { common, home, event, queue, checkout, order, account, support, errors };

type TCatalogue = typeof catalogue;
export type TMessages = { [K in keyof TCatalogue]: TCatalogue[K]["en"] };

export function messagesFor(locale: Locale): TMessages {
  return Object.fromEntries(Object.entries(catalogue).map(([area, byLocale]) => [area, byLocale[locale]])) as TMessages;
}
