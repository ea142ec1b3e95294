import type { StackUrls } from "@marquee/dev/stack";
import type { Fixtures } from "../fixtures.ts";
import type { ProcedureInfo } from "../procedures.ts";
import type { Tally } from "../report.ts";

export interface AttackContext {
  urls: StackUrls;
  fixtures: Fixtures;
  procedures: ProcedureInfo[];
  log: (line: string) => void;
}

/** One attack family: a row of the table. */
export interface Attack {
  name: string;
  run(context: AttackContext, tally: Tally): Promise<void>;
}

/** A tRPC answer for a path the server does not serve at all (tRPC's NOT_FOUND "No procedure found"). */
export const isUnknownProcedure = (status: number, body: unknown): boolean => status === 404 && JSON.stringify(body).includes("No procedure found");
