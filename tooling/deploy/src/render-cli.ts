// npm run -w @marquee/deploy render -- <base|production|base/migrate|production/migrate>
// Prints the rendered manifests as YAML (kustomize's output order), e.g. for `| kubectl apply -f -`,
// after the same schema validation as the test; exits 1 without printing on any error.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { renderKustomization, sortLikeKustomize } from "./kustomize.ts";
import { KUBERNETES_DIR } from "./repo.ts";
import { validateObject } from "./schemas.ts";

function main(target: string | undefined): number {
  const dir = target === undefined ? undefined : join(KUBERNETES_DIR, target.startsWith("base") ? target : join("overlays", target));
  if (!dir || !existsSync(join(dir, "kustomization.yaml"))) {
    console.error("Usage: npm run -w @marquee/deploy render -- base | production | base/migrate | production/migrate");
    return 1;
  }
  const objects = sortLikeKustomize(renderKustomization(dir));
  const errors = objects.flatMap(validateObject);
  if (errors.length > 0) {
    console.error(errors.join("\n"));
    return 1;
  }
  // YAML 1.1 quoting (yes, on, 0777 stay strings) for kubectl apply -f, whose parser reads YAML 1.1.
  process.stdout.write(objects.map((object) => stringify(object, { lineWidth: 0, version: "1.1" })).join("---\n"));
  return 0;
}

try {
  process.exitCode = main(process.argv[2]);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
