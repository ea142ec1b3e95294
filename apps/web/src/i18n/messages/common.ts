// Strings of the site frame (header, footer, language switcher) and shared words.
const en = {
  brand: "Marquee",
  skipToContent: "Skip to content",
  signIn: "Sign in",
  signOut: "Sign out",
  signedInAs: "Signed in as",
  myAccount: "My account",
  language: "Language",
  footerContact: "Contact support",
  footerTagline: "Fair queues, real seats, instant tickets.",
  loading: "Loading…",
  tryAgain: "Try again",
  backToEvents: "Back to all events",
};

export type TCommonMessages = typeof en;

const de: TCommonMessages = {
  brand: "Marquee",
  skipToContent: "Zum Inhalt springen",
  signIn: "Anmelden",
  signOut: "Abmelden",
  signedInAs: "Angemeldet als",
  myAccount: "Mein Konto",
  language: "Sprache",
  footerContact: "Support kontaktieren",
  footerTagline: "Faire Warteschlangen, echte Plätze, sofort Tickets.",
  loading: "Wird geladen…",
  tryAgain: "Erneut versuchen",
  backToEvents: "Zurück zu allen Veranstaltungen",
};

export const common = { en, de };
