// Strings of the site-wide error pages: not found, something went wrong.
const en = {
  notFoundTitle: "Page not found",
  notFoundBody: "We could not find that page. The event may have been moved or the link may be mistyped.",
  notFoundHome: "Browse upcoming events",
  errorTitle: "Something went wrong",
  errorBody: "Sorry — this page could not be shown. Nothing was charged because of this error. Please try again in a moment.",
  errorRetry: "Try again",
  errorHome: "Back to the events",
  errorReference: (digest: string) => `Reference for support: ${digest}`,
};

export type TErrorsMessages = typeof en;

const de: TErrorsMessages = {
  notFoundTitle: "Seite nicht gefunden",
  notFoundBody: "Diese Seite gibt es nicht. Vielleicht wurde die Veranstaltung verschoben oder der Link ist falsch geschrieben.",
  notFoundHome: "Kommende Veranstaltungen ansehen",
  errorTitle: "Etwas ist schiefgelaufen",
  errorBody: "Entschuldigung – diese Seite konnte nicht angezeigt werden. Wegen dieses Fehlers wurde nichts abgebucht. Bitte versuche es gleich noch einmal.",
  errorRetry: "Erneut versuchen",
  errorHome: "Zurück zu den Veranstaltungen",
  errorReference: (digest: string) => `Referenz für den Support: ${digest}`,
};

export const errors = { en, de };
