import { html, multiline, safeUrl, type SafeHtml } from "../html.ts";
import type { TLocale } from "../locale.ts";
import { messagesFor } from "../messages/index.ts";

export interface TEmail {
  subject: string;
  html: string;
  text: string;
}

/** Fields every template takes. */
export interface TEmailBase {
  locale: TLocale;
  /** Shown in the sign-off and footer; defaults to "Marquee". */
  platformName?: string;
}

/**
 * One piece of an e-mail rendered both ways at once, so the HTML and the text alternative carry
 * the same facts by construction. Styles are inline: Gmail and Outlook drop <style> blocks.
 */
export interface TEmailBlock {
  html: SafeHtml;
  text: string;
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const P = `${FONT}font-size:16px;line-height:24px;color:#111827;margin:0 0 16px 0;`;

export const paragraph = (text: string): TEmailBlock => ({ html: html`<p style="${P}">${text}</p>`, text });

export const heading = (text: string): TEmailBlock => ({
  html: html`<h2 style="${FONT}font-size:18px;line-height:26px;color:#111827;margin:24px 0 8px 0;">${text}</h2>`,
  text: `${text}\n${"-".repeat(Math.min(text.length, 60))}`,
});

export function facts(rows: Array<[label: string, value: string]>): TEmailBlock {
  const cell = `${FONT}font-size:15px;line-height:22px;padding:4px 0;vertical-align:top;`;
  return {
    html: html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;">
      ${rows.map(
        ([label, value]) =>
          html`<tr>
            <td style="${cell}color:#6b7280;padding-right:16px;">${label}</td>
            <td style="${cell}color:#111827;font-weight:bold;">${value}</td>
          </tr>`,
      )}
    </table>`,
    text: rows.map(([label, value]) => `${label}: ${value}`).join("\n"),
  };
}

export const list = (items: string[]): TEmailBlock => ({
  html: html`<ul style="${FONT}font-size:15px;line-height:22px;color:#111827;margin:0 0 16px 0;padding-left:20px;">
    ${items.map((item) => html`<li style="margin:0 0 4px 0;">${item}</li>`)}
  </ul>`,
  text: items.map((item) => `- ${item}`).join("\n"),
});

/** A "bulletproof" button: a table cell with a background colour, which Outlook renders too. */
export function button(label: string, url: string): TEmailBlock {
  const href = safeUrl(url);
  return {
    html: html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px 0;">
        <tr>
          <td bgcolor="#4f46e5" style="border-radius:6px;background-color:#4f46e5;">
            <a
              href="${href}"
              target="_blank"
              style="${FONT}display:inline-block;padding:12px 24px;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;"
              >${label}</a
            >
          </td>
        </tr>
      </table>
      <p style="${FONT}font-size:12px;line-height:18px;color:#6b7280;margin:0 0 16px 0;word-break:break-all;">${href}</p>`,
    text: `${label}: ${href}`,
  };
}

/** Someone else's words (a support agent's reply), escaped with its line breaks kept. */
export const quote = (message: string): TEmailBlock => ({
  html: html`<div style="${P}border-left:4px solid #d1d5db;padding:4px 0 4px 16px;">${multiline(message)}</div>`,
  text: message
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n"),
});

export const greeting = (locale: TLocale, name: string | undefined): TEmailBlock => {
  const m = messagesFor(locale).email;
  return paragraph(name ? m.greeting(name) : m.greetingAnonymous);
};

export const signOff = (locale: TLocale, platformName: string): TEmailBlock => {
  const m = messagesFor(locale).email;
  return { html: html`<p style="${P}">${m.signOff}<br />${m.team(platformName)}</p>`, text: `${m.signOff}\n${m.team(platformName)}` };
};

export function renderEmail(options: TEmailBase & { subject: string; preheader: string; blocks: Array<TEmailBlock | null | false> }): TEmail {
  const platformName = options.platformName ?? "Marquee";
  // A line break in a subject (from an event or conversation name) would start a new mail header.
  const subject = options.subject.replace(/[\r\n]+/g, " ");
  const m = messagesFor(options.locale).email;
  const blocks = options.blocks.filter((block): block is TEmailBlock => Boolean(block));
  const footer = m.footer(platformName);
  const body = html`<!DOCTYPE html>
    <html lang="${options.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>${subject}</title>
      </head>
      <body style="margin:0;padding:0;background-color:#f3f4f6;">
        <div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${options.preheader}</div>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f4f6" style="background-color:#f3f4f6;">
          <tr>
            <td align="center" style="padding:24px 12px;">
              <table
                role="presentation"
                width="600"
                cellpadding="0"
                cellspacing="0"
                border="0"
                bgcolor="#ffffff"
                style="width:100%;max-width:600px;background-color:#ffffff;border-radius:8px;"
              >
                <tr>
                  <td style="${FONT}padding:24px 32px 0 32px;font-size:20px;font-weight:bold;color:#4f46e5;">${platformName}</td>
                </tr>
                <tr>
                  <td style="padding:24px 32px 8px 32px;">${blocks.map((block) => block.html)}</td>
                </tr>
              </table>
              <p style="${FONT}font-size:12px;line-height:18px;color:#6b7280;margin:16px 0 0 0;max-width:600px;">${footer}</p>
            </td>
          </tr>
        </table>
      </body>
    </html>`;
  const text = [...blocks.map((block) => block.text), "--", footer].join("\n\n");
  return { subject, html: body.value, text: `${text}\n` };
}
