import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KustomizeError, renderKustomization, splitImage, type TObject } from "./kustomize.ts";

const roots: string[] = [];

/** Writes `files` (path -> content) under a fresh directory and returns it. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "marquee-kustomize-"));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const HEADER = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { tier: edge }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - { name: web, image: marquee-web }
        - { name: proxy, image: "registry.local:5000/proxy:1.2@sha256:abc" }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

const find = (objects: TObject[], kind: string) => objects.find((object) => object.kind === kind) as TObject & { spec: Record<string, never> };

describe("renderKustomization", () => {
  it("renders nested kustomizations with namespace, labels, replicas, images and JSON 6902 patches", () => {
    const dir = tree({
      "base/kustomization.yaml": `${HEADER}labels:\n  - pairs: { part-of: marquee }\n    includeSelectors: false\n    includeTemplates: true\nresources: [app.yaml]\n`,
      "base/app.yaml": DEPLOYMENT,
      "prod/kustomization.yaml": `${HEADER}namespace: prod
resources: [../base]
replicas: [{ name: web, count: 3 }]
images:
  - { name: marquee-web, newName: registry.example.com/web, newTag: "2.0" }
  - { name: registry.local:5000/proxy, newTag: "1.3" }
patches:
  - path: limits.yaml
    target: { kind: Deploy.*, labelSelector: tier=edge }
  - target: { kind: Service, name: web }
    patch: |-
      - op: replace
        path: /spec/ports/0/port
        value: 8080
`,
      "prod/limits.yaml": "- op: add\n  path: /spec/template/spec/containers/0/resources\n  value: { limits: { memory: 1Gi } }\n",
    });
    const objects = renderKustomization(join(dir, "prod"));
    const deployment = find(objects, "Deployment");
    const service = find(objects, "Service");
    expect(deployment.metadata).toEqual({ name: "web", namespace: "prod", labels: { tier: "edge", "part-of": "marquee" } });
    expect(deployment.spec.replicas).toBe(3);
    // Labels reach pod templates but never selectors (immutable on Deployments).
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: "web" } });
    expect(deployment.spec.template).toMatchObject({ metadata: { labels: { app: "web", "part-of": "marquee" } } });
    expect(deployment.spec.template).toMatchObject({
      spec: {
        containers: [
          { image: "registry.example.com/web:2.0", resources: { limits: { memory: "1Gi" } } },
          { image: "registry.local:5000/proxy:1.3@sha256:abc" },
        ],
      },
    });
    expect(service.spec.ports).toEqual([{ port: 8080 }]);
    expect(service.metadata.namespace).toBe("prod");
  });

  it.each([
    ["an unimplemented field", `${HEADER}commonLabels: { a: b }\nresources: [app.yaml]\n`, /unsupported kustomization field "commonLabels"/],
    ["a generator", `${HEADER}configMapGenerator: []\nresources: [app.yaml]\n`, /unsupported kustomization field "configMapGenerator"/],
    ["labels on selectors", `${HEADER}labels: [{ pairs: { a: b }, includeSelectors: true }]\nresources: [app.yaml]\n`, /includeSelectors/],
    ["an unknown labels option", `${HEADER}labels: [{ pairs: { a: b }, fields: [] }]\nresources: [app.yaml]\n`, /unsupported field "fields"/],
    ["a remote resource", `${HEADER}resources: [https://github.com/example/repo]\n`, /only local paths/],
    ["an image no container uses", `${HEADER}resources: [app.yaml]\nimages: [{ name: nope, newTag: "1" }]\n`, /no container uses nope/],
    ["an unknown image option", `${HEADER}resources: [app.yaml]\nimages: [{ name: marquee-web, tagSuffix: "1" }]\n`, /unsupported field "tagSuffix"/],
    ["replicas for no Deployment", `${HEADER}resources: [app.yaml]\nreplicas: [{ name: api, count: 2 }]\n`, /no Deployment or StatefulSet named api/],
    ["a strategic merge patch", `${HEADER}resources: [app.yaml]\npatches: [{ path: smp.yaml, target: { kind: Deployment } }]\n`, /only JSON 6902 patches/],
    [
      "a patch matching nothing",
      `${HEADER}resources: [app.yaml]\npatches: [{ path: ops.yaml, target: { kind: Deployment, name: api } }]\n`,
      /matches no object/,
    ],
    ["a patch without target", `${HEADER}resources: [app.yaml]\npatches: [{ path: ops.yaml }]\n`, /needs a target/],
    ["a failing test operation", `${HEADER}resources: [app.yaml]\npatches: [{ path: test-op.yaml, target: { kind: Deployment } }]\n`, /TEST_OPERATION_FAILED/],
    [
      "patch options",
      `${HEADER}resources: [app.yaml]\npatches: [{ path: ops.yaml, target: { kind: Deployment }, options: { allowKindChange: true } }]\n`,
      /unsupported field "options"/,
    ],
    [
      "a set-based labelSelector",
      `${HEADER}resources: [app.yaml]\npatches: [{ path: ops.yaml, target: { labelSelector: "tier in (edge)" } }]\n`,
      /only key=value/,
    ],
    ["a duplicate resource", `${HEADER}resources: [app.yaml, app.yaml]\n`, /duplicate resource Deployment/],
    ["a kind of unknown scope", `${HEADER}namespace: x\nresources: [role.yaml]\n`, /ClusterRole is not a kind this renderer knows/],
    ["a wrong apiVersion", "apiVersion: v1\nkind: Kustomization\n", /apiVersion\/kind/],
  ])("throws on %s", (_what, kustomization, message) => {
    const dir = tree({
      "kustomization.yaml": kustomization,
      "app.yaml": DEPLOYMENT,
      "smp.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 2 }\n",
      "ops.yaml": "- { op: replace, path: /spec/replicas, value: 2 }\n",
      "test-op.yaml": "- { op: test, path: /spec/template/spec/containers/0/name, value: api }\n- { op: replace, path: /spec/replicas, value: 2 }\n",
      "role.yaml": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: r }\n",
    });
    expect(() => renderKustomization(dir)).toThrow(KustomizeError);
    expect(() => renderKustomization(dir)).toThrow(message);
  });

  it("throws on a directory without kustomization.yaml and on invalid YAML", () => {
    expect(() => renderKustomization(tree({ "app.yaml": DEPLOYMENT }))).toThrow(/no kustomization.yaml/);
    expect(() => renderKustomization(tree({ "kustomization.yaml": `${HEADER}resources: [app.yaml]\n`, "app.yaml": "kind: [unclosed\n" }))).toThrow(
      /YAML error/,
    );
  });
});

describe("splitImage", () => {
  it.each([
    ["marquee-web", { name: "marquee-web" }],
    ["marquee-web:1.0", { name: "marquee-web", tag: "1.0" }],
    ["registry.local:5000/a/b", { name: "registry.local:5000/a/b" }],
    ["registry.local:5000/a/b:2@sha256:ff", { name: "registry.local:5000/a/b", tag: "2", digest: "sha256:ff" }],
  ])("%s", (image, expected) => {
    expect(splitImage(image)).toEqual(expected);
  });
});
