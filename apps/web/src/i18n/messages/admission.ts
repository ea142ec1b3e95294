// Strings of the waiting room's admission on the event page: how long an admitted buyer has, and
// what happens when it runs out. English first; the German object must have the same shape.
import { plural } from "~/i18n/plural.ts";

const en = {
  validUntil: (time: string) => `Your admission is valid until ${time}`,
  minutesLeft: (minutes: number) => plural("en", minutes, { one: "# minute left", other: "# minutes left" }),
  underAMinute: "less than a minute left",
  whenItRunsOut:
    "Choose your tickets and press Continue before then. If it runs out, your turn passes to the next person in line and you can join the queue again, at the back.",
  runsOutIn: (minutes: number) => plural("en", minutes, { one: "Your admission runs out in # minute.", other: "Your admission runs out in # minutes." }),
  runsOutSoon: "Your admission runs out in less than a minute.",
  lapsedHeading: "Your admission has run out",
  lapsedBody: "Your turn passed to the next person in line. Join the queue again to get a new turn, at the back of the line.",
  joinAgain: "Join the queue again",
};

export type TAdmissionMessages = typeof en;

const de: TAdmissionMessages = {
  validUntil: (time: string) => `Dein Zutritt gilt bis ${time} Uhr`,
  minutesLeft: (minutes: number) => plural("de", minutes, { one: "noch # Minute", other: "noch # Minuten" }),
  underAMinute: "noch weniger als eine Minute",
  whenItRunsOut:
    "Wähle deine Tickets und tippe vorher auf „Weiter“. Läuft er ab, ist die nächste Person in der Schlange dran, und du kannst dich erneut anstellen – hinten in der Schlange.",
  runsOutIn: (minutes: number) => plural("de", minutes, { one: "Dein Zutritt läuft in # Minute ab.", other: "Dein Zutritt läuft in # Minuten ab." }),
  runsOutSoon: "Dein Zutritt läuft in weniger als einer Minute ab.",
  lapsedHeading: "Dein Zutritt ist abgelaufen",
  lapsedBody: "Die nächste Person in der Schlange ist jetzt dran. Stell dich erneut an, um wieder an die Reihe zu kommen – hinten in der Schlange.",
  joinAgain: "Erneut anstellen",
};

export const admission = { en, de };
