import { defineConfig } from "@playwright/test";
import { e2eConfig } from "./support/env.ts";

// Debian's Chromium (Playwright's own browser downloads are unreachable here): headless, no GPU,
// and nothing that phones home.
const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./specs",
  outputDir: "./test-results",
  globalSetup: "./support/global-setup.ts",
  // The whole run: a cold turbo build of the three apps on two cores (~3 min) and ~20 min of specs
  // on two workers. 20 minutes cut a clean CI run short; this only stops a run that hangs.
  globalTimeout: 45 * 60 * 1000,
  timeout: 60 * 1000,
  expect: { timeout: 15 * 1000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: e2eConfig.isCI,
  retries: e2eConfig.isCI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: "test-results/report.json" }]],
  use: {
    ...chromium,
    locale: "en-GB",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "web",
      testMatch: [
        "web.spec.ts",
        "buyer-pages.spec.ts",
        "event-content.spec.ts",
        "wallet.spec.ts",
        "seat-map.spec.ts",
        "phone.spec.ts",
        "order-link.spec.ts",
        "password.spec.ts",
        "transfer.spec.ts",
      ],
      use: { baseURL: e2eConfig.urls.web },
    },
    { name: "shop", testMatch: "shop.spec.ts", use: { baseURL: e2eConfig.urls.web } },
    // The console: admin.spec.ts and one console-<area>.spec.ts per area (events, orders, team, ...).
    { name: "admin", testMatch: ["admin.spec.ts", "console-*.spec.ts", "waiting-list.spec.ts"], use: { baseURL: e2eConfig.urls.admin } },
    // The door scanner: sign-in and install (checkin.spec.ts), offline scanning and live gates (checkin-*.spec.ts).
    { name: "checkin", testMatch: ["checkin.spec.ts", "checkin-*.spec.ts"], use: { baseURL: e2eConfig.urls.checkin } },
  ],
});
