// Lints the generated OpenAPI document (the shop's, the organiser and the scanner device operations) with Redocly's
// `recommended` ruleset; any error fails `npm run lint` (and so `npm test`). Warnings are printed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createOpenApiDocument } from "../src/rest/openapi-document.ts";
import { adminRouter, deviceRouter, webRouter } from "../src/root.ts";

const cliPackage = createRequire(import.meta.url).resolve("@redocly/cli/package.json");
const cliBin = (JSON.parse(readFileSync(cliPackage, "utf8")) as { bin: Record<string, string> }).bin.redocly!;
const dir = mkdtempSync(join(tmpdir(), "marquee-openapi-"));
const file = join(dir, "openapi.json");
try {
  writeFileSync(
    file,
    JSON.stringify(createOpenApiDocument(webRouter, { serverUrl: "https://tickets.example", organiser: adminRouter, device: deviceRouter }), null, 2),
  );
  const result = spawnSync(process.execPath, [join(dirname(cliPackage), cliBin), "lint", file, "--extends=recommended", "--format=stylish"], {
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
