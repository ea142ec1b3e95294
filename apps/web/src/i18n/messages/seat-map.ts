// Strings of the seat map's phone zoom, seat popover and "best available" search, English first;
// the German object must have the same shape (the type checks it). Counts take the number for the
// plural rule and the formatted number to show.

const enPlural = new Intl.PluralRules("en");
const dePlural = new Intl.PluralRules("de");

const en = {
  help: "Select seats with the mouse or by touch. On a phone, tap a section to zoom in, then tap seats; drag or pinch inside the zoomed map, and use “Whole map” to go back. With the keyboard: Tab to the map, arrow keys to move between seats, Enter or Space to select. Zoom with the buttons, or Ctrl and the mouse wheel.",
  overview: "Whole map",
  zoomedTo: (section: string) => `Showing ${section}. Use “Whole map” to go back.`,
  row: (row: string) => `Row ${row}`,
  seat: (seat: string) => `Seat ${seat}`,
  legendAvailable: "Available (in its price zone's colour)",
  legendSuggested: "Suggested",
  bestHeading: "Best available",
  bestIntro: "Choose a price zone and how many seats: we suggest seats together, as close to the stage as we can.",
  bestZone: "Price zone",
  bestCount: "Seats",
  bestFind: "Find seats",
  bestFinding: "Looking for seats…",
  bestTogether: (count: number, shown: string, where: string) => (count === 1 ? `Suggested: ${where}.` : `Suggested: ${shown} seats together, ${where}.`),
  bestApart: (count: number, shown: string, zone: string) =>
    `There are no ${shown} seats together in ${zone} right now. These are the nearest free ${enPlural.select(count) === "one" ? "seat" : "seats"} instead.`,
  bestNone: (count: number, shown: string, zone: string) =>
    `There ${enPlural.select(count) === "one" ? "is not 1 free seat" : `are not ${shown} free seats`} in ${zone} right now.`,
  bestAccept: "Use these seats",
  bestDismiss: "Pick by hand",
  bestFailed: "We could not look for seats. Please try again.",
  bestTooMany: (max: string) => `You can choose up to ${max} seats per order.`,
  seatRange: (section: string, row: string, first: string, last: string) =>
    first === last ? `${section}, row ${row}, seat ${first}` : `${section}, row ${row}, seats ${first}–${last}`,
};

const de: typeof en = {
  help: "Wähle Plätze mit der Maus oder per Fingertipp. Auf dem Handy: Tippe auf einen Bereich, um ihn zu vergrößern, dann auf die Plätze; ziehen oder zoomen mit zwei Fingern geht im vergrößerten Plan, „Gesamter Saalplan“ führt zurück. Mit der Tastatur: Mit Tab zum Saalplan, mit den Pfeiltasten zwischen Plätzen wechseln, mit Eingabe oder Leertaste auswählen. Zoomen mit den Schaltflächen oder mit Strg und dem Mausrad.",
  overview: "Gesamter Saalplan",
  zoomedTo: (section: string) => `${section} wird angezeigt. „Gesamter Saalplan“ führt zurück.`,
  row: (row: string) => `Reihe ${row}`,
  seat: (seat: string) => `Platz ${seat}`,
  legendAvailable: "Frei (in der Farbe seiner Preiszone)",
  legendSuggested: "Vorgeschlagen",
  bestHeading: "Beste verfügbare Plätze",
  bestIntro: "Wähle eine Preiszone und die Anzahl der Plätze: Wir schlagen nebeneinanderliegende Plätze möglichst nah an der Bühne vor.",
  bestZone: "Preiszone",
  bestCount: "Plätze",
  bestFind: "Plätze finden",
  bestFinding: "Plätze werden gesucht…",
  bestTogether: (count: number, shown: string, where: string) => (count === 1 ? `Vorschlag: ${where}.` : `Vorschlag: ${shown} Plätze nebeneinander, ${where}.`),
  bestApart: (count: number, shown: string, zone: string) =>
    `In ${zone} gibt es gerade keine ${shown} Plätze nebeneinander. Stattdessen ${dePlural.select(count) === "one" ? "der nächste freie Platz" : "die nächsten freien Plätze"}.`,
  bestNone: (count: number, shown: string, zone: string) =>
    `In ${zone} ${dePlural.select(count) === "one" ? "ist gerade kein Platz frei" : `sind gerade keine ${shown} Plätze frei`}.`,
  bestAccept: "Diese Plätze nehmen",
  bestDismiss: "Selbst auswählen",
  bestFailed: "Wir konnten keine Plätze suchen. Bitte versuche es noch einmal.",
  bestTooMany: (max: string) => `Du kannst bis zu ${max} Plätze pro Bestellung wählen.`,
  seatRange: (section: string, row: string, first: string, last: string) =>
    first === last ? `${section}, Reihe ${row}, Platz ${first}` : `${section}, Reihe ${row}, Plätze ${first}–${last}`,
};

export const seatMap = { en, de };
