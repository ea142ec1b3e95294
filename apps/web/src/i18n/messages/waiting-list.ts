// Strings of the waiting list: joining on a sold-out ticket type, and the offer page the e-mail
// links to. English first; the German object must have the same shape.

const en = {
  join: "Join the waiting list",
  joinTitle: (typeName: string) => `Waiting list: ${typeName}`,
  joinText: "Leave your e-mail address. If tickets come back, the next person on the list gets an e-mail with a link to buy them.",
  email: "E-mail address",
  name: "Name (optional)",
  quantity: "Tickets",
  submit: "Put me on the list",
  submitting: "Joining…",
  cancel: "Cancel",
  joined: (place: number) => `You are on the waiting list, number ${place} in line. We will e-mail you if tickets come back.`,
  alreadyJoined: (place: number) => `This address is already on the waiting list, number ${place} in line.`,
  joinedOut: "This address is already on this event's waiting list.",
  offerTitle: "Tickets kept for you",
  offerText: (quantity: number, typeName: string, eventName: string) =>
    `${quantity} × ${typeName} for ${eventName} came back, and you are next on the waiting list. Nobody else can buy them while the offer lasts.`,
  offerUntil: (time: string) => `The offer is valid until ${time}.`,
  claim: "Get my tickets",
  claiming: "Reserving…",
  decline: "No thanks, pass them on",
  declined: "Thank you. The tickets go to the next person on the list.",
  invalidTitle: "This link is no longer valid",
  invalidText:
    "The offer was used, has run out, or passed to the next person on the list. If the event still has a waiting list, you can join it again on the event page.",
  loading: "Checking your offer…",
  toEvents: "Browse events",
  errorClosed: "The waiting list is not open for these tickets right now. Please reload the page.",
  errorGeneric: "That did not work. Please check your entries and try again.",
};

export type TWaitingListMessages = typeof en;

const de: TWaitingListMessages = {
  join: "Auf die Warteliste",
  joinTitle: (typeName: string) => `Warteliste: ${typeName}`,
  joinText: "Hinterlasse deine E-Mail-Adresse. Kommen Tickets zurück, bekommt die nächste Person auf der Liste eine E-Mail mit einem Link zum Kauf.",
  email: "E-Mail-Adresse",
  name: "Name (optional)",
  quantity: "Tickets",
  submit: "Auf die Liste setzen",
  submitting: "Wird eingetragen…",
  cancel: "Abbrechen",
  joined: (place: number) => `Du stehst auf der Warteliste, Platz ${place}. Wir schreiben dir, wenn Tickets zurückkommen.`,
  alreadyJoined: (place: number) => `Diese Adresse steht schon auf der Warteliste, Platz ${place}.`,
  joinedOut: "Diese Adresse steht schon auf der Warteliste dieser Veranstaltung.",
  offerTitle: "Tickets für dich reserviert",
  offerText: (quantity: number, typeName: string, eventName: string) =>
    `${quantity} × ${typeName} für ${eventName} sind wieder frei, und du bist als Nächste(r) auf der Warteliste. Solange das Angebot gilt, kann sie niemand sonst kaufen.`,
  offerUntil: (time: string) => `Das Angebot gilt bis ${time}.`,
  claim: "Meine Tickets sichern",
  claiming: "Wird reserviert…",
  decline: "Nein danke, weitergeben",
  declined: "Danke. Die Tickets gehen an die nächste Person auf der Liste.",
  invalidTitle: "Dieser Link gilt nicht mehr",
  invalidText:
    "Das Angebot wurde genutzt, ist abgelaufen oder ging an die nächste Person auf der Liste. Hat die Veranstaltung noch eine Warteliste, kannst du dich auf der Veranstaltungsseite erneut eintragen.",
  loading: "Dein Angebot wird geprüft…",
  toEvents: "Veranstaltungen ansehen",
  errorClosed: "Die Warteliste ist für diese Tickets gerade nicht offen. Bitte lade die Seite neu.",
  errorGeneric: "Das hat nicht geklappt. Bitte prüfe deine Angaben und versuche es noch einmal.",
};

export const waitingList = { en, de };
