import type { TLocale } from "../locale.ts";
import { button, greeting, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

export interface TPasswordResetEmail extends TEmailBase {
  name?: string;
  resetUrl: string;
  /** How long the link works. */
  minutes: number;
}

// The copy lives here rather than in the shared catalogue: one e-mail, two languages.
const COPY: Record<TLocale, { subject: string; intro: string; button: string; validity: (minutes: number) => string; ignore: string }> = {
  en: {
    subject: "Reset your Marquee password",
    intro: "Someone asked to reset the password of your Marquee account. Use the button below to choose a new one.",
    button: "Choose a new password",
    validity: (minutes) => `The link works once, for ${minutes} minutes. Setting a new password signs you out everywhere else.`,
    ignore: "If you did not ask for this, you can ignore this e-mail: your password stays as it is.",
  },
  de: {
    subject: "Setzen Sie Ihr Marquee-Passwort zurück",
    intro: "Jemand möchte das Passwort Ihres Marquee-Kontos zurücksetzen. Mit der Schaltfläche unten wählen Sie ein neues.",
    button: "Neues Passwort wählen",
    validity: (minutes) => `Der Link gilt einmal und ${minutes} Minuten lang. Mit dem neuen Passwort werden Sie überall sonst abgemeldet.`,
    ignore: "Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort bleibt, wie es ist.",
  },
};

/** The "forgot password" e-mail: a single-use link to choose a new password. */
export function passwordResetEmail(data: TPasswordResetEmail): TEmail {
  const copy = COPY[data.locale];
  return renderEmail({
    ...data,
    subject: copy.subject,
    preheader: copy.validity(data.minutes),
    blocks: [
      greeting(data.locale, data.name),
      paragraph(copy.intro),
      button(copy.button, data.resetUrl),
      paragraph(copy.validity(data.minutes)),
      paragraph(copy.ignore),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
