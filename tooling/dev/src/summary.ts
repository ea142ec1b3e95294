import type { DemoUser } from "./database.ts";
import type { StackUrls } from "./stack.ts";

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")}`);
}

/** What `npm start` prints once everything answers. */
export function formatReadySummary(input: {
  urls: StackUrls;
  demoUsers: readonly DemoUser[];
  services: Array<{ name: string; description: string }>;
  timings: Record<string, number>;
  elapsedMs: number;
}): string {
  const { urls } = input;
  const appUrl = (app: string): string => (app === "web" ? urls.web : app === "admin" ? urls.admin : app === "checkin" ? urls.checkin : app);
  const lines = [
    "",
    `Marquee is up - ready in ${seconds(input.elapsedMs)}`,
    "",
    ...table([
      ["Web", urls.web],
      ["Admin", urls.admin],
      ["Check-in", urls.checkin],
      ["API", `${urls.api}/api/openapi.json (REST /api/v1, tRPC /api/trpc)`],
      ["Mail", `${urls.mail}/messages (SMTP ${urls.smtp})`],
      ["Soketi", urls.soketi],
      [
        "Stripe",
        urls.stripe.startsWith("http")
          ? `${urls.stripe} (local test server; cards pm_card_visa, pm_card_chargeDeclined, pm_card_authenticationRequired)`
          : urls.stripe,
      ],
    ]),
  ];
  if (input.demoUsers.length > 0) {
    lines.push(
      "",
      "Demo logins:",
      ...table([["role", "email", "password", "sign in at"], ...input.demoUsers.map((user) => [user.role, user.email, user.password, appUrl(user.app)])]),
    );
  }
  lines.push(
    "",
    ...table(input.services.map((service) => [service.name, service.description])),
    "",
    `  ${Object.entries(input.timings)
      .map(([phase, ms]) => `${phase} ${seconds(ms)}`)
      .join(", ")}`,
    "",
    "Ctrl-C stops everything started here.",
  );
  return lines.join("\n");
}
