import { type TRepoFacts } from "./facts.ts";
import { byKind, configMapData, declaredPort, selects, spec, type TPodTemplate, workloads } from "./k8s.ts";
import { type TObject } from "./kustomize.ts";

/**
 * How the objects of a render refer to each other: Services and PDBs select Deployments,
 * autoscalers target them, KEDA watches the real BullMQ keys, gRPC addresses name the roles'
 * Services, every tier has its NetworkPolicy, the Ingress sends each public host to its app.
 */

/** The redis scaler's metadata fields (KEDA's redis-lists scaler documentation). */
const REDIS_SCALER_FIELDS = new Set([
  "address",
  "host",
  "port",
  "addressFromEnv",
  "hostFromEnv",
  "portFromEnv",
  "usernameFromEnv",
  "passwordFromEnv",
  "listName",
  "listLength",
  "activationListLength",
  "databaseIndex",
  "enableTLS",
  "unsafeSsl",
]);

/** Deployments a CPU HorizontalPodAutoscaler must scale. */
const CPU_SCALED = ["marquee-web", "marquee-api"];

interface TTrigger {
  type: string;
  name?: string;
  metadata: Record<string, string>;
  authenticationRef?: { name: string };
}

const templateOf = (deployment: TObject) => spec(deployment).template as TPodTemplate;

export function checkWiring(objects: TObject[], facts: TRepoFacts): string[] {
  const errors: string[] = [];
  const deployments = byKind(objects, "Deployment");
  const named = (kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);

  for (const service of byKind(objects, "Service")) {
    const selector = spec(service).selector as Record<string, string> | undefined;
    const targets = deployments.filter((deployment) => selects(selector, templateOf(deployment).metadata?.labels));
    if (targets.length !== 1) {
      errors.push(`Service/${service.metadata.name}: its selector matches ${targets.length} Deployments' pods, not 1`);
      continue;
    }
    for (const port of spec(service).ports as { name?: string; targetPort?: string | number; port: number }[])
      if (declaredPort(templateOf(targets[0]!).spec.containers, port.targetPort ?? port.port) === undefined)
        errors.push(`Service/${service.metadata.name}: targetPort ${port.targetPort} is not a port of ${targets[0]!.metadata.name}`);
  }

  const autoscaled = new Set<string>();
  for (const hpa of byKind(objects, "HorizontalPodAutoscaler")) {
    const target = (spec(hpa).scaleTargetRef as { kind: string; name: string }).name;
    autoscaled.add(target);
    if (!named("Deployment", target)) errors.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: no Deployment ${target}`);
    const metrics = (spec(hpa).metrics ?? []) as { type: string; resource?: { name: string } }[];
    if (!metrics.some((metric) => metric.type === "Resource" && metric.resource?.name === "cpu"))
      errors.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: no CPU metric`);
  }
  for (const name of CPU_SCALED) if (!autoscaled.has(name)) errors.push(`Deployment/${name}: no CPU HorizontalPodAutoscaler`);
  for (const scaled of byKind(objects, "ScaledObject")) autoscaled.add((spec(scaled).scaleTargetRef as { name: string }).name);

  for (const deployment of deployments) {
    const labels = templateOf(deployment).metadata?.labels;
    const budgets = byKind(objects, "PodDisruptionBudget").filter((pdb) =>
      selects((spec(pdb).selector as { matchLabels?: Record<string, string> }).matchLabels, labels),
    );
    if (budgets.length !== 1) errors.push(`Deployment/${deployment.metadata.name}: ${budgets.length} PodDisruptionBudgets select its pods, not 1`);
    if (autoscaled.has(deployment.metadata.name) && spec(deployment).replicas !== undefined)
      errors.push(`Deployment/${deployment.metadata.name}: sets replicas although an autoscaler owns the count (each apply would reset it)`);
    if (!autoscaled.has(deployment.metadata.name) && !((spec(deployment).replicas as number) >= 2))
      errors.push(`Deployment/${deployment.metadata.name}: fewer than 2 replicas and no autoscaler`);
  }

  errors.push(...checkKeda(objects, facts), ...checkGrpcAddresses(objects), ...checkNetworkPolicies(objects), ...checkIngress(objects));
  return errors;
}

function checkKeda(objects: TObject[], facts: TRepoFacts): string[] {
  const errors: string[] = [];
  const config = configMapData(objects, "marquee-config") ?? {};
  const soketi = configMapData(objects, "marquee-soketi") ?? {};
  const redisAddress = `${soketi.SOKETI_DB_REDIS_HOST}:${soketi.SOKETI_DB_REDIS_PORT}`;
  const secretKeys = new Set(facts.secrets.map((entry) => entry.key));
  const scaledObjects = byKind(objects, "ScaledObject");
  for (const [role, queue] of Object.entries(facts.queueNames)) {
    const deploymentName = `marquee-worker-${role}`;
    const deployment = objects.find((object) => object.kind === "Deployment" && object.metadata.name === deploymentName);
    if (!deployment) {
      errors.push(`worker role ${role}: no Deployment ${deploymentName}`);
      continue;
    }
    const roleEnv = templateOf(deployment).spec.containers[0]?.env?.find((variable) => variable.name === "ROLE")?.value;
    if (roleEnv !== role) errors.push(`Deployment/${deploymentName}: ROLE is ${roleEnv}, not ${role}`);
    const scaled = scaledObjects.filter((object) => (spec(object).scaleTargetRef as { name: string }).name === deploymentName);
    if (scaled.length !== 1) {
      errors.push(`worker role ${role}: ${scaled.length} ScaledObjects scale ${deploymentName}, not 1`);
      continue;
    }
    const label = `ScaledObject/${scaled[0]!.metadata.name}`;
    // The booking sweeper, the payment reconciler and every role's gRPC server need a replica at all times.
    if (!((spec(scaled[0]!).minReplicaCount as number) >= 1)) errors.push(`${label}: minReplicaCount must be at least 1`);
    const triggers = (spec(scaled[0]!).triggers ?? []) as TTrigger[];
    const waitKey = facts.bullmqKey(config.REDIS_PREFIX ?? "", queue, "wait");
    const activeKey = facts.bullmqKey(config.REDIS_PREFIX ?? "", queue, "active");
    if (!triggers.some((trigger) => trigger.type === "redis" && trigger.metadata.listName === waitKey))
      errors.push(`${label}: no redis trigger on the BullMQ wait list ${waitKey}`);
    for (const trigger of triggers) {
      if (trigger.type !== "redis") errors.push(`${label}: trigger type ${trigger.type}, expected redis`);
      for (const field of Object.keys(trigger.metadata)) if (!REDIS_SCALER_FIELDS.has(field)) errors.push(`${label}: ${field} is not a redis scaler field`);
      const list = trigger.metadata.listName;
      if (list !== waitKey && list !== activeKey) errors.push(`${label}: ${list} is not the wait or active list of ${queue} under REDIS_PREFIX`);
      if (trigger.metadata.address !== redisAddress) errors.push(`${label}: address ${trigger.metadata.address} is not Soketi's Redis ${redisAddress}`);
      const auth = objects.find((object) => object.kind === "TriggerAuthentication" && object.metadata.name === trigger.authenticationRef?.name);
      if (!auth) errors.push(`${label}: authenticationRef ${trigger.authenticationRef?.name} names no TriggerAuthentication`);
      for (const ref of (spec(auth ?? ({} as TObject)).secretTargetRef ?? []) as { name: string; key: string }[])
        if (ref.name !== "marquee-secrets" || !secretKeys.has(ref.key))
          errors.push(`TriggerAuthentication/${auth?.metadata.name}: ${ref.name}/${ref.key} is not a listed marquee-secrets key`);
    }
  }
  for (const workload of workloads(objects))
    if (
      workload.template.metadata?.labels?.tier === "worker" &&
      !scaledObjects.some((object) => (spec(object).scaleTargetRef as { name: string }).name === workload.object.metadata.name)
    )
      errors.push(`${workload.label}: a worker without a ScaledObject`);
  return errors;
}

/** INVOICE_GRPC_ADDRESS=marquee-worker-invoice:50053: that role's Service and its gRPC port. */
function checkGrpcAddresses(objects: TObject[]): string[] {
  const errors: string[] = [];
  for (const workload of workloads(objects))
    for (const container of workload.template.spec.containers)
      for (const variable of container.env ?? []) {
        const match = /^([A-Z]+)_GRPC_ADDRESS$/.exec(variable.name);
        if (!match) continue;
        const [host, port] = (variable.value ?? "").split(":");
        const service = objects.find((object) => object.kind === "Service" && object.metadata.name === host);
        const ports = (service ? spec(service).ports : []) as { name: string; port: number }[];
        if (host !== `marquee-worker-${match[1]!.toLowerCase()}` || !ports.some((entry) => entry.name === "grpc" && entry.port === Number(port)))
          errors.push(`${workload.label}: ${variable.name}=${variable.value} is not the ${match[1]!.toLowerCase()} role's Service and gRPC port`);
      }
  return errors;
}

interface TPolicyRule {
  ports?: { port?: string | number }[];
}

function checkNetworkPolicies(objects: TObject[]): string[] {
  const errors: string[] = [];
  const policies = byKind(objects, "NetworkPolicy");
  const denyAll = policies.find((policy) => {
    const body = spec(policy) as { podSelector?: Record<string, unknown>; policyTypes?: string[]; ingress?: unknown; egress?: unknown };
    return (
      Object.keys(body.podSelector ?? { x: 1 }).length === 0 &&
      body.policyTypes?.includes("Ingress") &&
      body.policyTypes.includes("Egress") &&
      !body.ingress &&
      !body.egress
    );
  });
  if (workloads(objects).length > 0 && !denyAll) errors.push("NetworkPolicy: no default deny (podSelector {} with Ingress and Egress and no rules)");
  for (const workload of workloads(objects)) {
    const labels = workload.template.metadata?.labels;
    const tier = labels?.tier;
    const policy = policies.find((candidate) => candidate.metadata.name === `tier-${tier}`);
    const selector = (policy ? spec(policy).podSelector : undefined) as { matchLabels?: Record<string, string> } | undefined;
    if (!tier || !policy || !selects(selector?.matchLabels, labels)) {
      errors.push(`${workload.label}: no NetworkPolicy tier-${tier} selects its pods`);
      continue;
    }
    for (const rule of (spec(policy).ingress ?? []) as TPolicyRule[])
      for (const { port } of rule.ports ?? [])
        if (typeof port === "string" && declaredPort(workload.template.spec.containers, port) === undefined)
          errors.push(`NetworkPolicy/${policy.metadata.name}: port ${port} is not declared by ${workload.label}`);
  }
  return errors;
}

interface TIngressPath {
  path: string;
  backend: { service: { name: string; port: { name?: string; number?: number } } };
}

function checkIngress(objects: TObject[]): string[] {
  const errors: string[] = [];
  const config = configMapData(objects, "marquee-config");
  const rules = byKind(objects, "Ingress").flatMap((ingress) =>
    ((spec(ingress).rules ?? []) as { host: string; http: { paths: TIngressPath[] } }[]).map((rule) => ({ ingress, ...rule })),
  );
  if (!config) return rules.length > 0 ? ["Ingress: no marquee-config to compare the hosts with"] : [];
  for (const ingress of byKind(objects, "Ingress")) {
    const hosts = new Set(rules.filter((rule) => rule.ingress === ingress).map((rule) => rule.host));
    for (const tls of (spec(ingress).tls ?? []) as { hosts: string[] }[])
      for (const host of tls.hosts) if (!hosts.has(host)) errors.push(`Ingress/${ingress.metadata.name}: TLS host ${host} has no rule`);
  }
  for (const rule of rules)
    for (const path of rule.http.paths) {
      const service = objects.find((object) => object.kind === "Service" && object.metadata.name === path.backend.service.name);
      const ports = (service ? spec(service).ports : []) as { name?: string; port: number }[];
      if (!ports.some((port) => port.name === path.backend.service.port.name || port.port === path.backend.service.port.number))
        errors.push(`Ingress ${rule.host}${path.path}: no Service ${path.backend.service.name} with that port`);
    }
  const routes: [string, string, string][] = [
    [config.WEB_URL ?? "", "/", "marquee-web"],
    [config.WEB_URL ?? "", "/api/v1/", "marquee-api"],
    [config.WEB_URL ?? "", "/api/trpc/", "marquee-api"],
    [config.WEB_URL ?? "", "/api/openapi.json", "marquee-api"],
    [config.ADMIN_URL ?? "", "/", "marquee-admin"],
    [config.CHECKIN_URL ?? "", "/", "marquee-checkin"],
    [`https://${config.SOKETI_PUBLIC_HOST}`, "/", "marquee-soketi"],
  ];
  for (const [url, path, service] of routes) {
    const host = URL.canParse(url) ? new URL(url).hostname : url;
    const rule = rules.find((candidate) => candidate.host === host);
    const backend = rule?.http.paths.find((candidate) => candidate.path === path)?.backend.service.name;
    if (backend !== service) errors.push(`Ingress: ${host}${path} goes to ${backend ?? "nothing"}, expected ${service} (marquee-config)`);
  }
  const soketi = objects.find((object) => object.kind === "Service" && object.metadata.name === config.SOKETI_HOST);
  if (!soketi || !(spec(soketi).ports as { port: number }[]).some((port) => port.port === Number(config.SOKETI_PORT)))
    errors.push(`marquee-config: SOKETI_HOST:SOKETI_PORT ${config.SOKETI_HOST}:${config.SOKETI_PORT} is not a Service port`);
  return errors;
}
