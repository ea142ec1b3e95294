// Strings of order access from anywhere: the order page opened with an e-mailed link, the
// expired-link page and "Find my order". English first; the German object has the same shape.
const en = {
  linkHeading: "Your order",
  linkIntro: (email: string) =>
    `You opened this order with the link we e-mailed to ${email}. Keep the link to yourself: anyone who has it can see your tickets.`,
  loading: "Loading your order…",
  loadFailed: "We could not load your order just now.",
  expiredHeading: "This order link has expired",
  expiredBody:
    "Order links stop working some time after the event, and a link that was changed or copied incompletely does not open anything. Ask for a new link: we e-mail it to the address you ordered with.",
  findOrder: "Find my order",
  // "Find my order" page
  findTitle: "Find my order",
  findIntro:
    "Enter the e-mail address you ordered with and the order reference from your confirmation e-mail (e.g. MQ-7KX2-4PD9). We will e-mail you a link that opens the order, its tickets and documents on any device.",
  emailLabel: "E-mail",
  referenceLabel: "Order reference",
  referenceHint: "It is in the subject of your confirmation e-mail.",
  send: "E-mail me the link",
  sending: "Sending…",
  sentHeading: "Check your inbox",
  sent: (email: string) =>
    `If an order with that reference was placed with ${email}, we have sent the link to it. It can take a few minutes to arrive; please also look in your spam folder.`,
  again: "Ask again",
  errorRateLimited: "You have asked several times in a short while. Please wait and try again later.",
  errorValidation: "Please check the form: the e-mail address must be valid and the reference is needed.",
  errorGeneric: "Your request could not be sent. Please try again.",
  signInHint: "Bought as a guest? You do not need an account:",
  footerHelp: "Help",
};

export type TOrderAccessMessages = typeof en;

const de: TOrderAccessMessages = {
  linkHeading: "Ihre Bestellung",
  linkIntro: (email) =>
    `Sie haben diese Bestellung mit dem Link geöffnet, den wir an ${email} geschickt haben. Geben Sie den Link nicht weiter: Jeder mit dem Link kann Ihre Tickets sehen.`,
  loading: "Ihre Bestellung wird geladen…",
  loadFailed: "Ihre Bestellung konnte gerade nicht geladen werden.",
  expiredHeading: "Dieser Bestell-Link ist abgelaufen",
  expiredBody:
    "Bestell-Links funktionieren nur bis einige Zeit nach der Veranstaltung, und ein veränderter oder unvollständig kopierter Link öffnet nichts. Fordern Sie einen neuen Link an: Wir schicken ihn an die Adresse, mit der Sie bestellt haben.",
  findOrder: "Bestellung finden",
  findTitle: "Bestellung finden",
  findIntro:
    "Geben Sie die E-Mail-Adresse, mit der Sie bestellt haben, und die Bestellnummer aus Ihrer Bestätigungs-E-Mail ein (z. B. MQ-7KX2-4PD9). Wir schicken Ihnen einen Link, der die Bestellung, ihre Tickets und Dokumente auf jedem Gerät öffnet.",
  emailLabel: "E-Mail",
  referenceLabel: "Bestellnummer",
  referenceHint: "Sie steht im Betreff Ihrer Bestätigungs-E-Mail.",
  send: "Link per E-Mail senden",
  sending: "Wird gesendet…",
  sentHeading: "Sehen Sie in Ihr Postfach",
  sent: (email) =>
    `Falls eine Bestellung mit dieser Nummer mit ${email} aufgegeben wurde, haben wir den Link dorthin geschickt. Das kann einige Minuten dauern; sehen Sie bitte auch im Spam-Ordner nach.`,
  again: "Erneut anfordern",
  errorRateLimited: "Sie haben in kurzer Zeit mehrmals angefragt. Bitte warten Sie und versuchen Sie es später erneut.",
  errorValidation: "Bitte prüfen Sie das Formular: Die E-Mail-Adresse muss gültig sein, und die Bestellnummer wird benötigt.",
  errorGeneric: "Ihre Anfrage konnte nicht gesendet werden. Bitte versuchen Sie es erneut.",
  signInHint: "Als Gast gekauft? Sie brauchen kein Konto:",
  footerHelp: "Hilfe",
};

export const orderAccess = { en, de };
