import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRepoFacts, type TRepoFacts } from "./facts.ts";
import { checkInvariants } from "./invariants.ts";
import { type TContainer, type TPodTemplate } from "./k8s.ts";
import { renderKustomization, type TObject } from "./kustomize.ts";
import { dockerfileExposedPorts, KUBERNETES_DIR } from "./repo.ts";
import { validateObject } from "./schemas.ts";

// Renders deploy/kubernetes as `kubectl apply -k` would and checks every object against the
// Kubernetes OpenAPI schemas (kubernetes-models; KEDA's CRD schemas through
// @kubernetes-models/keda), then the cross-object invariants against the repository's own facts.

const KUSTOMIZATIONS = ["base", "base/migrate", "overlays/production", "overlays/production/migrate"];
const render = (dir: string) => renderKustomization(join(KUBERNETES_DIR, dir));

let facts: TRepoFacts;
const renders: Record<string, TObject[]> = {};

beforeAll(() => {
  facts = loadRepoFacts();
  for (const dir of KUSTOMIZATIONS) renders[dir] = render(dir);
});

/** What one namespace holds after a release: the long-running parts and the migration Job. */
const deployed = (overlay: "base" | "overlays/production") => [...renders[overlay]!, ...renders[`${overlay}/migrate`]!];

interface TLooseSpec {
  template: TPodTemplate;
  [field: string]: unknown;
}

const object = (objects: TObject[], kind: string, name: string) => {
  const found = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found as TObject & { spec: TLooseSpec; data: Record<string, string> };
};
const podTemplate = (objects: TObject[], name: string) => object(objects, "Deployment", name).spec.template;
const container = (objects: TObject[], name: string): TContainer => podTemplate(objects, name).spec.containers[0]!;

describe.each(KUSTOMIZATIONS)("%s", (dir) => {
  it("renders objects that each pass the OpenAPI schema of their kind, with no unknown field", () => {
    const objects = renders[dir]!;
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.flatMap(validateObject)).toEqual([]);
  });
});

describe.each(["base", "overlays/production"] as const)("%s with its migration", (overlay) => {
  it("holds every cross-object invariant", () => {
    expect(checkInvariants(deployed(overlay), facts)).toEqual([]);
  });

  it("runs every part of Marquee", () => {
    const deployments = deployed(overlay)
      .filter((candidate) => candidate.kind === "Deployment")
      .map((candidate) => candidate.metadata.name);
    const roles = Object.keys(facts.queueNames).map((role) => `marquee-worker-${role}`);
    expect(deployments.sort()).toEqual(["marquee-admin", "marquee-api", "marquee-checkin", "marquee-soketi", "marquee-web", ...roles].sort());
    expect(object(deployed(overlay), "Job", "marquee-migrate").spec.template).toMatchObject({
      spec: { containers: [{ command: ["node", "--import", "tsx", "packages/db/src/migrate/cli.ts", "deploy"] }] },
    });
  });
});

describe("the production overlay", () => {
  it("puts everything, the migration included, in one namespace with the release's images", () => {
    const objects = deployed("overlays/production");
    expect(new Set(objects.map((candidate) => candidate.metadata.namespace))).toEqual(new Set(["marquee"]));
    const migrate = object(objects, "Job", "marquee-migrate").spec.template.spec.containers[0]!;
    expect(migrate.image).toBe(container(objects, "marquee-api").image);
    for (const candidate of objects.filter((entry) => entry.kind === "Deployment"))
      expect(container(objects, candidate.metadata.name).image).toMatch(/^registry\.example\.com\/marquee\/[a-z]+:[\w.-]+$/);
  });

  it("scales up from the base", () => {
    const base = renders.base!;
    const production = renders["overlays/production"]!;
    expect(object(production, "HorizontalPodAutoscaler", "marquee-web").spec).toMatchObject({ minReplicas: 3, maxReplicas: 20 });
    expect(object(production, "ScaledObject", "marquee-worker-payment").spec).toMatchObject({ minReplicaCount: 2, maxReplicaCount: 20 });
    expect(object(production, "Deployment", "marquee-soketi").spec.replicas).toBe(3);
    expect(container(production, "marquee-worker-invoice").resources).toEqual({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } });
    expect(container(production, "marquee-worker-booking").resources).toEqual({
      requests: { cpu: "250m", memory: "384Mi" },
      limits: { cpu: "1", memory: "768Mi" },
    });
    expect(container(base, "marquee-worker-booking").resources?.requests).toEqual({ cpu: "100m", memory: "256Mi" });
    expect(podTemplate(production, "marquee-api").spec.topologySpreadConstraints).toHaveLength(2);
  });
});

describe("deploy/kubernetes/README.md", () => {
  it("lists exactly the Secret keys the manifests use, and its create command has every required one", () => {
    const used = new Set(
      [...deployed("base"), ...deployed("overlays/production")].flatMap((candidate) =>
        [...JSON.stringify(candidate).matchAll(/"name":"marquee-secrets","key":"([A-Z0-9_]+)"|"key":"([A-Z0-9_]+)","name":"marquee-secrets"/g)].map(
          (match) => match[1] ?? match[2]!,
        ),
      ),
    );
    expect([...used].sort()).toEqual(facts.secrets.map((entry) => entry.key).sort());
    const required = facts.secrets.filter((entry) => entry.required).map((entry) => entry.key);
    expect([...facts.secretCreateCommandKeys].sort()).toEqual(required.sort());
  });
});

describe("the Dockerfiles", () => {
  it("expose the ports the manifests use", () => {
    expect([...dockerfileExposedPorts("docker/Dockerfile.workers")]).toEqual([50051, 50052, 50053, 50054, 50055, 9101, 9102, 9103, 9104, 9105]);
    expect([...dockerfileExposedPorts("docker/Dockerfile.api")]).toEqual([3010]);
    expect([...dockerfileExposedPorts("docker/Dockerfile.soketi")]).toEqual([6001, 9601]);
    expect([...dockerfileExposedPorts("docker/Dockerfile.app")]).toEqual([3000, 3001, 3002]);
  });
});

/** The invariants' complaints about a copy of the base (with its Job) changed by `mutate`. */
function problemsAfter(mutate: (objects: TObject[]) => void): string[] {
  const objects = structuredClone(deployed("base"));
  mutate(objects);
  return checkInvariants(objects, facts);
}

describe("the checks catch", () => {
  it.each<[string, (objects: TObject[]) => void, RegExp]>([
    [
      "a probe on an undeclared port",
      (o) => void (container(o, "marquee-api").readinessProbe!.httpGet!.port = "htp"),
      /readinessProbe port htp is not a declared containerPort/,
    ],
    ["a probe on another path", (o) => void (container(o, "marquee-web").livenessProbe!.httpGet!.path = "/"), /livenessProbe asks \/, expected \/healthz/],
    ["a missing readiness probe", (o) => void delete container(o, "marquee-worker-booking").readinessProbe, /no readinessProbe/],
    [
      "a Service selecting no pods",
      (o) => void (object(o, "Service", "marquee-admin").spec.selector = { "app.kubernetes.io/name": "admin" } as never),
      /Service\/marquee-admin: its selector matches 0/,
    ],
    [
      "a Secret key the README does not list",
      (o) => void (container(o, "marquee-web").env![0]!.valueFrom!.secretKeyRef!.key = "DB_URL"),
      /key DB_URL, which deploy\/kubernetes\/README.md does not list/,
    ],
    [
      "a required key made optional",
      (o) => void (container(o, "marquee-web").env![0]!.valueFrom!.secretKeyRef!.optional = true),
      /DATABASE_URL is required in the README but optional here/,
    ],
    [
      "a variable no program reads",
      (o) => void (object(o, "ConfigMap", "marquee-soketi").data.SOKETI_ADAPTOR_DRIVER = "redis"),
      /SOKETI_ADAPTOR_DRIVER is not a variable its program reads/,
    ],
    [
      "an app variable given to Soketi",
      (o) => void container(o, "marquee-soketi").env!.push({ name: "REDIS_URL", value: "redis://x" }),
      /soketi: REDIS_URL is not a variable/,
    ],
    [
      "a port the Dockerfile does not expose",
      (o) => void (container(o, "marquee-worker-analytics").ports![1]!.containerPort = 9106),
      /port 9106 is not EXPOSEd by docker\/Dockerfile.workers/,
    ],
    [
      "a worker port other than its role's",
      (o) => void (container(o, "marquee-worker-invoice").ports![0]!.containerPort = 50054),
      /port grpc is 50054, but INVOICE_GRPC_PORT/,
    ],
    [
      "an app port other than start-app.sh's",
      (o) => void (container(o, "marquee-admin").ports![0]!.containerPort = 3000),
      /port http is 3000, but docker\/start-app.sh \(APP=admin\) says 3001/,
    ],
    [
      "a wait list under another prefix",
      (o) => void (object(o, "ConfigMap", "marquee-config").data.REDIS_PREFIX = "mq"),
      /no redis trigger on the BullMQ wait list mq:{marquee.booking}:marquee.booking:wait/,
    ],
    [
      "a misspelt redis scaler field",
      (o) =>
        void ((object(o, "ScaledObject", "marquee-worker-payment").spec.triggers as unknown as { metadata: Record<string, string> }[])[0]!.metadata.listname =
          "x"),
      /listname is not a redis scaler field/,
    ],
    [
      "a role without a ScaledObject",
      (o) => void o.splice(o.indexOf(object(o, "ScaledObject", "marquee-worker-analytics")), 1),
      /worker role analytics: 0 ScaledObjects/,
    ],
    [
      "a Deployment without a PDB",
      (o) => void o.splice(o.indexOf(object(o, "PodDisruptionBudget", "marquee-soketi")), 1),
      /Deployment\/marquee-soketi: 0 PodDisruptionBudgets/,
    ],
    [
      "replicas under an autoscaler",
      (o) => void (object(o, "Deployment", "marquee-web").spec.replicas = 2 as never),
      /marquee-web: sets replicas although an autoscaler owns the count/,
    ],
    [
      "no CPU autoscaler for the API",
      (o) => void o.splice(o.indexOf(object(o, "HorizontalPodAutoscaler", "marquee-api")), 1),
      /Deployment\/marquee-api: no CPU HorizontalPodAutoscaler/,
    ],
    [
      "a gRPC address of the wrong Service",
      (o) => void (container(o, "marquee-worker-payment").env![1]!.value = "marquee-worker-invoice:50054"),
      /INVOICE_GRPC_ADDRESS=marquee-worker-invoice:50054 is not/,
    ],
    [
      "a host the Ingress does not serve",
      (o) => void (object(o, "ConfigMap", "marquee-config").data.ADMIN_URL = "https://admin.example.org"),
      /admin.example.org\/ goes to nothing/,
    ],
    ["a missing default deny", (o) => void o.splice(o.indexOf(object(o, "NetworkPolicy", "default-deny")), 1), /no default deny/],
    [
      "a tier without a policy",
      (o) => void o.splice(o.indexOf(object(o, "NetworkPolicy", "tier-migrate")), 1),
      /Job\/marquee-migrate: no NetworkPolicy tier-migrate/,
    ],
    ["a root container", (o) => void (podTemplate(o, "marquee-soketi").spec.securityContext = { runAsNonRoot: true }), /numeric runAsUser above 0/],
    ["capabilities kept", (o) => void (container(o, "marquee-api").securityContext!.capabilities = {}), /capabilities must drop ALL/],
    [
      "a grace period shorter than the shutdown",
      (o) => void (podTemplate(o, "marquee-worker-booking").spec.terminationGracePeriodSeconds = 15),
      /terminationGracePeriodSeconds 15 < preStop 5 s \+ shutdown 15 s/,
    ],
    [
      "an API drain longer than the grace",
      (o) => void (container(o, "marquee-api").env![0]!.value = "28000"),
      /terminationGracePeriodSeconds 30 < preStop 5 s \+ shutdown 28 s/,
    ],
    ["no resources", (o) => void delete container(o, "marquee-checkin").resources, /resources need requests.cpu/],
    [
      "render threads above the CPU limit",
      (o) => void (container(o, "marquee-worker-notification").resources!.limits!.cpu = "1"),
      /PDF_RENDER_THREADS 2 differs from the CPU limit 1/,
    ],
    [
      "the file volume elsewhere",
      (o) => void (container(o, "marquee-worker-invoice").volumeMounts![0]!.mountPath = "/data"),
      /FILE_STORAGE_DIR \(\/var\/lib\/marquee\/files\) must be the mount path/,
    ],
  ])("%s", (_what, mutate, message) => {
    expect(problemsAfter(mutate).join("\n")).toMatch(message);
  });

  it("an unknown field and a wrong type, through the schemas", () => {
    const deployment = structuredClone(object(renders.base!, "Deployment", "marquee-api"));
    Object.assign(deployment.spec.template.spec.containers[0]!, { imagePullPolcy: "Always" });
    Object.assign(deployment.spec, { replicas: "2" });
    expect(validateObject(deployment)).toEqual([
      "Deployment/marquee-api: data/spec/replicas must be integer",
      "Deployment/marquee-api: unknown field spec.template.spec.containers[0].imagePullPolcy",
    ]);
    const scaled = structuredClone(object(renders.base!, "ScaledObject", "marquee-worker-booking"));
    Object.assign(scaled.spec, { minReplicas: 1 });
    expect(validateObject(scaled)).toEqual(["ScaledObject/marquee-worker-booking: unknown field spec.minReplicas"]);
  });
});
