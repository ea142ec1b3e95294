import { describe, expect, it } from "vitest";
import { formatReadySummary } from "./summary.ts";

describe("formatReadySummary", () => {
  it("lists the URLs, the demo logins with their app's URL and the elapsed time", () => {
    const text = formatReadySummary({
      urls: {
        web: "http://localhost:3000",
        admin: "http://localhost:3001",
        checkin: "http://localhost:3002",
        api: "http://127.0.0.1:3010",
        mail: "http://127.0.0.1:1080",
        smtp: "smtp://127.0.0.1:1025",
        soketi: "http://127.0.0.1:6001",
        stripe: "http://127.0.0.1:12111",
        database: "postgresql://postgres@127.0.0.1:5432/marquee",
        redis: "redis://127.0.0.1:6379",
      },
      demoUsers: [{ role: "door staff", email: "door@demo.marquee.test", password: "pw", app: "checkin" }],
      services: [{ name: "postgres", description: "PostgreSQL at 127.0.0.1:5432 (already running)" }],
      timings: { services: 1200, build: 5000 },
      elapsedMs: 23_456,
    });
    expect(text).toContain("ready in 23.5 s");
    expect(text).toMatch(/Check-in\s+http:\/\/localhost:3002/);
    expect(text).toContain("http://127.0.0.1:1080/messages");
    expect(text).toContain("http://127.0.0.1:3010/api/openapi.json");
    expect(text).toMatch(/door staff\s+door@demo\.marquee\.test\s+pw\s+http:\/\/localhost:3002/);
    expect(text).toContain("services 1.2 s, build 5.0 s");
    expect(text).toMatch(/Stripe\s+http:\/\/127\.0\.0\.1:12111 \(local test server; cards pm_card_visa/);
  });
});
