// Strings of the wallet buttons on a ticket (order and account order pages), English first; the
// German object must have the same shape (the type checks it).
const en = {
  appleSmall: "Add to",
  appleLarge: "Apple Wallet",
  googleSmall: "Save to",
  googleLarge: "Google Wallet",
  addToApple: (code: string) => `Add ticket ${code} to Apple Wallet`,
  saveToGoogle: (code: string) => `Save ticket ${code} to Google Wallet (opens Google)`,
  groupLabel: (code: string) => `Wallet passes for ticket ${code}`,
  loading: "Preparing wallet passes…",
  unavailable: "Wallet passes are not available right now. The QR code above works at the door.",
  development: "Test passes: Apple Wallet and Google Wallet accept them only once the shop is set up with its real certificates.",
};

const de: typeof en = {
  appleSmall: "Hinzufügen zu",
  appleLarge: "Apple Wallet",
  googleSmall: "Speichern in",
  googleLarge: "Google Wallet",
  addToApple: (code: string) => `Ticket ${code} zu Apple Wallet hinzufügen`,
  saveToGoogle: (code: string) => `Ticket ${code} in Google Wallet speichern (öffnet Google)`,
  groupLabel: (code: string) => `Wallet-Pässe für Ticket ${code}`,
  loading: "Wallet-Pässe werden vorbereitet …",
  unavailable: "Wallet-Pässe sind gerade nicht verfügbar. Der QR-Code oben gilt am Einlass.",
  development: "Testpässe: Apple Wallet und Google Wallet nehmen sie erst an, wenn der Shop mit seinen echten Zertifikaten eingerichtet ist.",
};

export const wallet = { en, de };
