import { CONTAINERS, type TRepoFacts } from "./facts.ts";
import { configMapData, cores, declaredPort, preStopSleep, type TContainer, type TWorkload, workloads } from "./k8s.ts";
import { splitImage, type TObject } from "./kustomize.ts";

/**
 * Per-pod invariants of a render: what each container is given (variables the app reads, Secret
 * keys the README lists, ConfigMap keys that exist), its ports (declared, exposed by its Dockerfile,
 * the app's own), probes, resources, security settings and shutdown timing. Returns one line per
 * problem; [] when the render is sound.
 */

/** Seconds each kind of process needs after SIGTERM: the workers' shutdown timeout
 * (apps/workers/src/runtime/shutdown.ts), the Next apps' close; the API server's is SHUTDOWN_GRACE_MS. */
const SHUTDOWN_SECONDS: Record<string, number> = { worker: 15, web: 20, admin: 20, checkin: 20 };

const NEXT_APPS = new Set(["web", "admin", "checkin"]);

/** Where each role and app needs the shared file volume (FILE_STORAGE_DIR). */
const NEEDS_FILES = new Set(["web", "admin", "checkin", "api", "worker:invoice", "worker:notification"]);

export function checkPods(objects: TObject[], facts: TRepoFacts): string[] {
  const errors: string[] = [];
  for (const workload of workloads(objects)) {
    const pod = workload.template?.spec;
    if (!pod) {
      errors.push(`${workload.label}: no pod template`);
      continue;
    }
    if (pod.securityContext?.runAsNonRoot !== true || !((pod.securityContext.runAsUser ?? 0) > 0))
      errors.push(
        `${workload.label}: the pod must set runAsNonRoot and a numeric runAsUser above 0 (the images name their user, which the kubelet cannot check)`,
      );
    if (pod.automountServiceAccountToken !== false)
      errors.push(`${workload.label}: automountServiceAccountToken must be false (nothing calls the Kubernetes API)`);
    if (pod.enableServiceLinks !== false) errors.push(`${workload.label}: enableServiceLinks must be false (Service links add *_SERVICE_HOST/_PORT variables)`);
    for (const volume of pod.volumes ?? []) {
      const claim = volume.persistentVolumeClaim?.claimName;
      if (claim && !objects.some((object) => object.kind === "PersistentVolumeClaim" && object.metadata.name === claim))
        errors.push(`${workload.label}: volume ${volume.name} claims ${claim}, which the render does not define`);
    }
    for (const constraint of pod.topologySpreadConstraints ?? []) {
      const selectorKeys = [
        ...Object.keys(constraint.labelSelector?.matchLabels ?? {}),
        ...(constraint.labelSelector?.matchExpressions ?? []).map((term) => term.key),
      ];
      const both = (constraint.matchLabelKeys ?? []).filter((key) => selectorKeys.includes(key));
      if (both.length > 0)
        errors.push(`${workload.label}: topologySpreadConstraints: ${both.join(", ")} in both matchLabelKeys and labelSelector (the API server refuses it)`);
    }
    for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) errors.push(...checkContainer(objects, facts, workload, container));
  }
  return errors;
}

function checkContainer(objects: TObject[], facts: TRepoFacts, workload: TWorkload, container: TContainer): string[] {
  const errors: string[] = [];
  const where = `${workload.label} container ${container.name}`;
  const kind = CONTAINERS[container.name];
  if (!kind) return [`${where}: unknown container name (CONTAINERS in tooling/deploy/src/facts.ts says which Dockerfile runs each)`];
  const pod = workload.template.spec;
  const image = splitImage(container.image).name;
  if (image !== kind.image && !image.endsWith(`/${kind.image.replace(/^marquee-/, "")}`))
    errors.push(`${where}: image ${container.image} is not ${kind.image} (${kind.dockerfile})`);

  const security = container.securityContext;
  if (security?.allowPrivilegeEscalation !== false) errors.push(`${where}: allowPrivilegeEscalation must be false`);
  if (!security?.capabilities?.drop?.includes("ALL")) errors.push(`${where}: capabilities must drop ALL`);
  // Next writes its render cache under .next at run time; every other image runs read-only with /tmp.
  if (security?.readOnlyRootFilesystem !== !NEXT_APPS.has(container.name))
    errors.push(`${where}: readOnlyRootFilesystem must be ${!NEXT_APPS.has(container.name)} for this image`);
  if (security?.readOnlyRootFilesystem && !container.volumeMounts?.some((mount) => mount.mountPath === "/tmp"))
    errors.push(`${where}: a read-only root filesystem needs /tmp mounted`);

  const { requests, limits } = container.resources ?? {};
  if (!requests?.cpu || !requests.memory || !limits?.memory) errors.push(`${where}: resources need requests.cpu, requests.memory and limits.memory`);

  const exposed = facts.exposedPorts(kind.dockerfile);
  for (const port of container.ports ?? [])
    if (!exposed.has(port.containerPort)) errors.push(`${where}: port ${port.containerPort} is not EXPOSEd by ${kind.dockerfile}`);

  const env = containerEnv(objects, facts, where, container, errors);
  const allowed = container.name === "soketi" ? facts.soketiVariables : facts.marqueeVariables(kind.dockerfile);
  for (const name of env.keys()) if (!allowed.has(name)) errors.push(`${where}: ${name} is not a variable its program reads`);

  if (workload.object.kind === "Deployment") {
    errors.push(...checkProbes(where, container));
    const sleep = preStopSleep(container);
    const shutdown =
      container.name === "soketi"
        ? Number(env.get("SOKETI_SHUTDOWN_GRACE_PERIOD") ?? 3000) / 1000
        : container.name === "api"
          ? Number(env.get("SHUTDOWN_GRACE_MS") ?? facts.envExample.get("SHUTDOWN_GRACE_MS") ?? 25_000) / 1000
          : (SHUTDOWN_SECONDS[container.name] ?? 0);
    const grace = pod.terminationGracePeriodSeconds ?? 30;
    if (sleep < 1 || sleep > 10) errors.push(`${where}: needs a preStop sleep of 1-10 s, so the endpoint is removed before SIGTERM`);
    if (grace < sleep + shutdown) errors.push(`${where}: terminationGracePeriodSeconds ${grace} < preStop ${sleep} s + shutdown ${shutdown} s`);
  }
  errors.push(...checkOwnPorts(facts, workload, container, env, where));

  const threads = env.get("PDF_RENDER_THREADS");
  if (threads !== undefined && Number(threads) !== cores(limits?.cpu))
    errors.push(`${where}: PDF_RENDER_THREADS ${threads} differs from the CPU limit ${limits?.cpu}`);

  const role = env.get("ROLE");
  const filesDir = env.get("FILE_STORAGE_DIR");
  const filesMount = container.volumeMounts?.find((mount) =>
    pod.volumes?.some((volume) => volume.name === mount.name && volume.persistentVolumeClaim?.claimName === "marquee-files"),
  );
  if (NEEDS_FILES.has(role ? `${container.name}:${role}` : container.name) && filesMount?.mountPath !== filesDir)
    errors.push(`${where}: FILE_STORAGE_DIR (${filesDir}) must be the mount path of the marquee-files volume (${filesMount?.mountPath})`);
  return errors;
}

/** The container's variables with their literal or ConfigMap values ("" for Secret references), checking each reference. */
function containerEnv(objects: TObject[], facts: TRepoFacts, where: string, container: TContainer, errors: string[]): Map<string, string> {
  const env = new Map<string, string>();
  const secretKeys = new Map(facts.secrets.map((entry) => [entry.key, entry]));
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) errors.push(`${where}: envFrom a Secret: Secret keys are referenced one by one`);
    const name = source.configMapRef?.name;
    const data = name === undefined ? undefined : configMapData(objects, name);
    if (!data) errors.push(`${where}: envFrom ConfigMap ${name}, which the render does not define`);
    for (const [key, value] of Object.entries(data ?? {})) env.set(key, value);
  }
  const names = new Set<string>();
  for (const variable of container.env ?? []) {
    if (names.has(variable.name)) errors.push(`${where}: ${variable.name} is set twice`);
    names.add(variable.name);
    const secret = variable.valueFrom?.secretKeyRef;
    const config = variable.valueFrom?.configMapKeyRef;
    if (secret) {
      const listed = secretKeys.get(secret.key);
      if (secret.name !== "marquee-secrets") errors.push(`${where}: ${variable.name} refers to Secret ${secret.name}, not marquee-secrets`);
      else if (!listed) errors.push(`${where}: ${variable.name} refers to marquee-secrets key ${secret.key}, which deploy/kubernetes/README.md does not list`);
      else if ((secret.optional === true) === listed.required)
        errors.push(
          `${where}: ${secret.key} is ${listed.required ? "required" : "optional"} in the README but ${secret.optional ? "optional" : "required"} here`,
        );
      env.set(variable.name, "");
    } else if (config) {
      const value = configMapData(objects, config.name)?.[config.key];
      if (value === undefined) errors.push(`${where}: ${variable.name} refers to ConfigMap ${config.name} key ${config.key}, which the render does not define`);
      env.set(variable.name, value ?? "");
    } else if (variable.valueFrom) errors.push(`${where}: ${variable.name}: only literal values, secretKeyRef and configMapKeyRef are expected`);
    else env.set(variable.name, variable.value ?? "");
  }
  return env;
}

function checkProbes(where: string, container: TContainer): string[] {
  const errors: string[] = [];
  // Soketi has no /healthz: / answers while it serves, /ready turns 503 while it closes.
  const expected =
    container.name === "soketi"
      ? { startupProbe: "/", readinessProbe: "/ready", livenessProbe: "/" }
      : { startupProbe: "/healthz", readinessProbe: "/healthz", livenessProbe: "/healthz" };
  for (const [probeName, path] of Object.entries(expected)) {
    const probe = container[probeName as keyof typeof expected];
    if (!probe) {
      if (probeName !== "startupProbe") errors.push(`${where}: no ${probeName}`);
      continue;
    }
    if (!probe.httpGet) {
      errors.push(`${where}: ${probeName} must be an HTTP GET`);
      continue;
    }
    if (probe.httpGet.path !== path) errors.push(`${where}: ${probeName} asks ${probe.httpGet.path}, expected ${path}`);
    if (declaredPort([container], probe.httpGet.port) === undefined)
      errors.push(`${where}: ${probeName} port ${probe.httpGet.port} is not a declared containerPort`);
  }
  return errors;
}

/** Each program's own port: start-app.sh's per app, API_PORT, the role's *_GRPC_PORT/_HTTP_PORT, Soketi's settings. */
function checkOwnPorts(facts: TRepoFacts, workload: TWorkload, container: TContainer, env: Map<string, string>, where: string): string[] {
  const errors: string[] = [];
  const port = (name: string) => container.ports?.find((entry) => entry.name === name)?.containerPort;
  const expect = (name: string, value: number, source: string) => {
    if (port(name) !== value) errors.push(`${where}: port ${name} is ${port(name)}, but ${source} says ${value}`);
  };
  const app = CONTAINERS[container.name]?.app;
  if (app) expect("http", Number(env.get("PORT") ?? facts.startAppPorts.get(app)), `docker/start-app.sh (APP=${app})`);
  if (container.name === "api")
    expect("http", Number(env.get("API_PORT") ?? facts.dockerfileEnv("docker/Dockerfile.api").get("API_PORT")), "API_PORT in docker/Dockerfile.api");
  const annotation = workload.template.metadata?.annotations?.["prometheus.io/port"];
  if (container.name === "worker") {
    const role = env.get("ROLE") ?? "";
    if (!(role in facts.queueNames)) errors.push(`${where}: ROLE ${role} is not a worker role (${Object.keys(facts.queueNames).join(", ")})`);
    const variable = (suffix: string) => `${role.toUpperCase()}_${suffix}`;
    for (const [name, suffix] of [
      ["grpc", "GRPC_PORT"],
      ["http", "HTTP_PORT"],
    ] as const)
      expect(name, Number(env.get(variable(suffix)) ?? facts.envExample.get(variable(suffix))), `${variable(suffix)} (.env.example)`);
    if (annotation !== String(port("http"))) errors.push(`${where}: prometheus.io/port ${annotation} is not the /metrics port ${port("http")}`);
  }
  if (container.name === "soketi") {
    expect("ws", Number(env.get("SOKETI_PORT") ?? 6001), "SOKETI_PORT");
    expect("metrics", Number(env.get("SOKETI_METRICS_SERVER_PORT") ?? 9601), "SOKETI_METRICS_SERVER_PORT");
    if (annotation !== String(port("metrics"))) errors.push(`${where}: prometheus.io/port ${annotation} is not the metrics port ${port("metrics")}`);
    if (env.get("SOKETI_ADAPTER_DRIVER") !== "redis") errors.push(`${where}: SOKETI_ADAPTER_DRIVER must be redis (several replicas share channels through it)`);
    if (facts.soketiVersion !== facts.launcherSoketiVersion)
      errors.push(`${where}: the launcher patches Soketi ${facts.launcherSoketiVersion}, node_modules has ${facts.soketiVersion}`);
  }
  return errors;
}
