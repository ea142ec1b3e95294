// Strings of releasing a hold on the checkout page: the confirmation dialog. English first; the
// German object must have the same shape.
import { plural } from "~/i18n/plural.ts";

const en = {
  heading: (count: number) => plural("en", count, { one: "Release your ticket?", other: "Release your # tickets?" }),
  body: "They go back on sale for other buyers straight away. To buy them later you would have to choose them again, and they may be gone by then.",
  confirm: "Yes, release them",
  keep: "No, keep my tickets",
};

export type TReleaseMessages = typeof en;

const de: TReleaseMessages = {
  heading: (count: number) => plural("de", count, { one: "Dein Ticket freigeben?", other: "Deine # Tickets freigeben?" }),
  body: "Sie stehen sofort wieder anderen Käufern zur Verfügung. Um sie später zu kaufen, müsstest du sie neu auswählen – vielleicht sind sie dann schon weg.",
  confirm: "Ja, freigeben",
  keep: "Nein, Tickets behalten",
};

export const release = { en, de };
