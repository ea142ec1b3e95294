// Where a server's time went: a V8 .cpuprofile (from `node --cpu-prof --cpu-prof-dir <dir>`, written
// when the process exits) summarised as its top frames by self time and by total time, with the
// share of all samples. Benches print it for a goal they do not meet (the issue's "profile's answer").
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface TProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface TPackageShare {
  name: string;
  /** Share of the busy (non-idle) samples spent in this package's own code. */
  busyPercent: number;
}

export interface TFrameShare {
  frame: string;
  selfPercent: number;
  totalPercent: number;
}

/** `name file:line`, with the path cut to what follows node_modules/ or the repo's packages/apps. */
function frameName(node: TProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url
    .replace(/^file:\/\//, "")
    .replace(/^.*node_modules\//, "")
    .replace(/^.*\/(packages|apps|tooling)\//, "$1/");
  return `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : "(native)"}`;
}

/** Top frames of one profile by self time (and their total, i.e. with callees, time). */
export function summariseProfile(profile: { nodes: TProfileNode[] }, top = 15): TFrameShare[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const all = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + hits);
    // Total: every distinct frame on the stack gets the hits once (recursion counted once).
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const name = frameName(byId.get(id)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + hits);
    }
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, hits]) => ({ frame, selfPercent: (100 * hits) / all, totalPercent: (100 * (total.get(frame) ?? hits)) / all }));
}

/** The package a frame's code belongs to: an npm package, a workspace package, Node's own, or native. */
function packageOf(node: TProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (npm) return npm[1]!;
  const own = /\/(packages|apps|tooling)\/([^/]+)\//.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return url.startsWith("node:") ? "node (internal)" : "(other)";
}

/**
 * Self time by package, as a share of the busy samples (idle left out): where a server's CPU goes
 * while it works, whatever share of the run it was idle.
 */
export function summariseByPackage(profile: { nodes: TProfileNode[] }, top = 10): { busyPercentOfAll: number; packages: TPackageShare[] } {
  const hits = new Map<string, number>();
  let all = 0;
  for (const node of profile.nodes) {
    const count = node.hitCount ?? 0;
    all += count;
    if (count === 0 || node.callFrame.functionName === "(idle)") continue;
    hits.set(packageOf(node), (hits.get(packageOf(node)) ?? 0) + count);
  }
  const busy = [...hits.values()].reduce((sum, n) => sum + n, 0) || 1;
  return {
    busyPercentOfAll: (100 * busy) / (all || 1),
    packages: [...hits.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, busyPercent: (100 * count) / busy })),
  };
}

/** Summaries of every .cpuprofile in `dir` (one per process that exited there). */
export function summariseProfileDir(dir: string, top = 15): { file: string; frames: TFrameShare[]; byPackage: ReturnType<typeof summariseByPackage> }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".cpuprofile"))
    .map((file) => {
      const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as { nodes: TProfileNode[] };
      return { file, frames: summariseProfile(profile, top), byPackage: summariseByPackage(profile) };
    });
}

/** Prints a summary as an indented table; with `byPackage`, the busy time by package after it. */
export function printProfile(title: string, frames: readonly TFrameShare[], byPackage?: ReturnType<typeof summariseByPackage>): void {
  console.info(`${title}: top frames by self time (self %, with callees %)`);
  for (const frame of frames) console.info(`  ${frame.selfPercent.toFixed(1).padStart(5)} %  ${frame.totalPercent.toFixed(1).padStart(5)} %  ${frame.frame}`);
  if (!byPackage) return;
  console.info(`  busy ${byPackage.busyPercentOfAll.toFixed(1)} % of the samples; busy time by package (own code, callees not included):`);
  for (const share of byPackage.packages) console.info(`  ${share.busyPercent.toFixed(1).padStart(5)} %  ${share.name}`);
}
