import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { ConfigError } from "@marquee/config/env";
import { onShutdownSignal } from "@marquee/dev/cli";
import { repoRoot } from "@marquee/dev/paths";
import { cookieSwap } from "./attacks/cookie-swap.ts";
import { crossTenant } from "./attacks/cross-tenant.ts";
import { forgedXff } from "./attacks/forged-xff.ts";
import { fuzz } from "./attacks/fuzz.ts";
import { oversizedBodies } from "./attacks/oversized-bodies.ts";
import { preRegistration } from "./attacks/pre-registration.ts";
import { sessionReplay } from "./attacks/session-replay.ts";
import { shopOrganiser } from "./attacks/shop-organiser.ts";
import type { Attack, AttackContext } from "./attacks/types.ts";
import { securityConfig } from "./env.ts";
import { createFixtures } from "./fixtures.ts";
import { listProcedures } from "./procedures.ts";
import { Tally, formatSummary, formatTable, summaryCounts, type AttackResult } from "./report.ts";
import { createSecurityStack, defaultLogFile } from "./stack.ts";

/**
 * In this order: the forged X-Forwarded-For attack first, while 127.0.0.1's "join" bucket is
 * untouched; sign-outs (which end sessions) after the attacks that sign in; the fuzz pass last,
 * since it drains the rate-limit buckets.
 */
export const ATTACKS: Attack[] = [forgedXff, cookieSwap, shopOrganiser, crossTenant, preRegistration, sessionReplay, oversizedBodies, fuzz];

const log = (line: string) => console.info(`[security] ${line}`);

async function runAttack(attack: Attack, context: AttackContext): Promise<AttackResult> {
  const tally = new Tally();
  const startedAt = performance.now();
  try {
    await attack.run(context, tally);
    return tally.result(attack.name);
  } catch (error) {
    return { ...tally.result(attack.name), error: error instanceof Error ? error.message : String(error) };
  } finally {
    log(`${attack.name}: ${tally.tried} tried, ${tally.letThrough} let through (${((performance.now() - startedAt) / 1000).toFixed(1)} s)`);
  }
}

function writeReport(results: AttackResult[]): void {
  const file = isAbsolute(securityConfig.reportFile) ? securityConfig.reportFile : join(repoRoot, securityConfig.reportFile);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...summaryCounts(results), results }, null, 2)}\n`);
}

export async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--no-build");
  if (unknown.length > 0) throw new ConfigError(`Unknown option ${unknown[0]} (usage: npm run test:security [-- --no-build])`);
  const stack = createSecurityStack({ build: args.includes("--no-build") ? "if-missing" : "always", logFile: defaultLogFile(repoRoot), log });
  onShutdownSignal(() => stack.stop());
  const info = await stack.start();
  const results: AttackResult[] = [];
  const startedAt = performance.now();
  try {
    const fixtures = await createFixtures(info.databaseUrl);
    const context: AttackContext = { urls: info.urls, fixtures, procedures: listProcedures(), log };
    try {
      for (const attack of ATTACKS) results.push(await runAttack(attack, context));
    } finally {
      await fixtures.db.$disconnect();
    }
  } finally {
    await stack.stop();
  }
  log(`attacks took ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  writeReport(results);
  console.info(`\n${formatTable(results)}\n`);
  const counts = summaryCounts(results);
  console.info(formatSummary(counts));
  process.exitCode = counts.failed > 0 ? 1 : 0;
}
