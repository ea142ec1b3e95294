import type { TLocale } from "../locale.ts";
import { button, greeting, paragraph, renderEmail, signOff, type TEmail, type TEmailBase } from "./layout.ts";

// The organiser console's account e-mails: the sign-up confirmation, the "you already have an
// account" answer to a repeated sign-up, and the team invitation. Copy lives here: three e-mails, two languages.

export interface TOrganizerConfirmEmail extends TEmailBase {
  name?: string;
  organizationName: string;
  confirmUrl: string;
  /** How long the link works. */
  hours: number;
}

export interface TOrganizerAccountExistsEmail extends TEmailBase {
  name?: string;
  signInUrl: string;
  resetUrl: string;
}

export interface TTeamInvitationEmail extends TEmailBase {
  organizationName: string;
  inviterName?: string;
  roleLabel: string;
  acceptUrl: string;
  days: number;
}

const CONFIRM = {
  en: {
    subject: "Confirm your e-mail address for Marquee Console",
    intro: (org: string) => `Thank you for signing up to sell tickets for ${org} with Marquee. Confirm your e-mail address to open the console.`,
    button: "Confirm my address",
    validity: (hours: number) => `The link works once, for ${hours} hours. You will be asked for the password you chose.`,
    ignore: "If you did not sign up, you can ignore this e-mail: nobody can use the account without this link and the password.",
  },
  de: {
    subject: "Bestätigen Sie Ihre E-Mail-Adresse für Marquee Console",
    intro: (org: string) =>
      `Danke für Ihre Anmeldung, um mit Marquee Tickets für ${org} zu verkaufen. Bestätigen Sie Ihre E-Mail-Adresse, um die Konsole zu öffnen.`,
    button: "Adresse bestätigen",
    validity: (hours: number) => `Der Link gilt einmal und ${hours} Stunden lang. Sie werden nach dem gewählten Passwort gefragt.`,
    ignore: "Wenn Sie sich nicht angemeldet haben, können Sie diese E-Mail ignorieren: Ohne diesen Link und das Passwort kann niemand das Konto nutzen.",
  },
} as const;

const EXISTS = {
  en: {
    subject: "You already have a Marquee account",
    intro: "Someone tried to sign up to Marquee Console with this e-mail address, which already has an account. Nothing was changed.",
    signIn: "Sign in",
    reset: "If you forgot your password, choose a new one here:",
    resetButton: "Reset my password",
    ignore: "If this was not you, you can ignore this e-mail.",
  },
  de: {
    subject: "Sie haben bereits ein Marquee-Konto",
    intro: "Jemand wollte sich mit dieser E-Mail-Adresse bei Marquee Console anmelden, zu der es bereits ein Konto gibt. Es wurde nichts geändert.",
    signIn: "Anmelden",
    reset: "Falls Sie Ihr Passwort vergessen haben, wählen Sie hier ein neues:",
    resetButton: "Passwort zurücksetzen",
    ignore: "Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren.",
  },
} as const;

const INVITE = {
  en: {
    subject: (org: string) => `You are invited to join ${org} on Marquee`,
    intro: (org: string, role: string, inviter?: string) => `${inviter ?? "A team owner"} invited you to join ${org} on Marquee Console as ${role}.`,
    button: "Accept the invitation",
    validity: (days: number) => `The link works once, for ${days} days, for this e-mail address only.`,
    ignore: "If you do not know this organisation, you can ignore this e-mail.",
  },
  de: {
    subject: (org: string) => `Einladung zu ${org} bei Marquee`,
    intro: (org: string, role: string, inviter?: string) => `${inviter ?? "Ein Team-Inhaber"} hat Sie zu ${org} in Marquee Console eingeladen, als ${role}.`,
    button: "Einladung annehmen",
    validity: (days: number) => `Der Link gilt einmal und ${days} Tage lang, nur für diese E-Mail-Adresse.`,
    ignore: "Wenn Sie diese Organisation nicht kennen, können Sie diese E-Mail ignorieren.",
  },
} as const;

/** An organiser's sign-up: the link that proves the address (with the password, on the page it opens). */
export function organizerConfirmEmail(data: TOrganizerConfirmEmail): TEmail {
  const copy = CONFIRM[data.locale as TLocale];
  return renderEmail({
    ...data,
    subject: copy.subject,
    preheader: copy.validity(data.hours),
    blocks: [
      greeting(data.locale, data.name),
      paragraph(copy.intro(data.organizationName)),
      button(copy.button, data.confirmUrl),
      paragraph(copy.validity(data.hours)),
      paragraph(copy.ignore),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}

/** A sign-up with an address that already has an account: the same answer on the page, this in the inbox. */
export function organizerAccountExistsEmail(data: TOrganizerAccountExistsEmail): TEmail {
  const copy = EXISTS[data.locale as TLocale];
  return renderEmail({
    ...data,
    subject: copy.subject,
    preheader: copy.intro,
    blocks: [
      greeting(data.locale, data.name),
      paragraph(copy.intro),
      button(copy.signIn, data.signInUrl),
      paragraph(copy.reset),
      button(copy.resetButton, data.resetUrl),
      paragraph(copy.ignore),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}

/** An invitation to an organisation's team, with the role. */
export function teamInvitationEmail(data: TTeamInvitationEmail): TEmail {
  const copy = INVITE[data.locale as TLocale];
  return renderEmail({
    ...data,
    subject: copy.subject(data.organizationName),
    preheader: copy.validity(data.days),
    blocks: [
      greeting(data.locale, undefined),
      paragraph(copy.intro(data.organizationName, data.roleLabel, data.inviterName)),
      button(copy.button, data.acceptUrl),
      paragraph(copy.validity(data.days)),
      paragraph(copy.ignore),
      signOff(data.locale, data.platformName ?? "Marquee"),
    ],
  });
}
