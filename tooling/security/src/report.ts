// Figures of the abuse suite: one row per attack family (tried, let through), the table, and the
// closing `N passed, N failed` line (a family passes when nothing got through).

export interface AttackResult {
  attack: string;
  tried: number;
  letThrough: number;
  /** What got through (or why the family could not run), for the lines under the table. */
  findings: string[];
  /** The family could not run to the end (its setup failed): counts as failed. */
  error?: string;
}

/** Counts attempts of one family; `check(description, gotThrough)` per attempt. */
export class Tally {
  tried = 0;
  letThrough = 0;
  readonly findings: string[] = [];

  check(description: string, gotThrough: boolean): void {
    this.tried += 1;
    if (gotThrough) {
      this.letThrough += 1;
      this.findings.push(description);
    }
  }

  /** Several attempts at once (e.g. requests beyond a rate limit). */
  add(description: string, tried: number, letThrough: number): void {
    this.tried += tried;
    this.letThrough += letThrough;
    if (letThrough > 0) this.findings.push(`${description}: ${letThrough} of ${tried}`);
  }

  result(attack: string): AttackResult {
    return { attack, tried: this.tried, letThrough: this.letThrough, findings: this.findings };
  }
}

export const passed = (result: AttackResult): boolean => result.letThrough === 0 && result.error === undefined && result.tried > 0;

export function summaryCounts(results: readonly AttackResult[]): { passed: number; failed: number } {
  const ok = results.filter(passed).length;
  return { passed: ok, failed: results.length - ok };
}

/** `attack | tried | let through` as an aligned table, then findings (at most `maxFindings` per family). */
export function formatTable(results: readonly AttackResult[], maxFindings = 8): string {
  const rows = [
    ["attack", "tried", "let through"],
    ...results.map((r) => [r.attack, String(r.tried), r.error ? `${r.letThrough} (did not finish)` : String(r.letThrough)]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `${row[0]!.padEnd(widths[0]!)} | ${row[1]!.padStart(widths[1]!)} | ${row[2]!.padStart(widths[2]!)}`;
  const separator = `${"-".repeat(widths[0]!)}-+-${"-".repeat(widths[1]!)}-+-${"-".repeat(widths[2]!)}`;
  const out = [line(rows[0]!), separator, ...rows.slice(1).map(line)];
  for (const result of results) {
    const notes = [...(result.error ? [`did not finish: ${result.error}`] : []), ...result.findings];
    if (notes.length === 0) continue;
    out.push("", `${result.attack}:`);
    for (const note of notes.slice(0, maxFindings)) out.push(`  - ${note}`);
    if (notes.length > maxFindings) out.push(`  - ... and ${notes.length - maxFindings} more`);
  }
  return out.join("\n");
}

export const formatSummary = (counts: { passed: number; failed: number }): string => `${counts.passed} passed, ${counts.failed} failed`;
