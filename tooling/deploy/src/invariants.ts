import { type TRepoFacts } from "./facts.ts";
import { checkPods } from "./invariants-pods.ts";
import { checkWiring } from "./invariants-wiring.ts";
import { type TObject } from "./kustomize.ts";

/** Every cross-object invariant of one render: one line per problem, [] when sound. */
export function checkInvariants(objects: TObject[], facts: TRepoFacts): string[] {
  return [...checkPods(objects, facts), ...checkWiring(objects, facts)];
}
