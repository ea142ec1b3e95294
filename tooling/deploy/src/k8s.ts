import { type TObject } from "./kustomize.ts";

/** The parts of rendered objects the invariants read (the schemas have checked their shapes). */

export interface TKeyRef {
  name: string;
  key: string;
  optional?: boolean;
}

export interface TEnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: TKeyRef; configMapKeyRef?: TKeyRef; fieldRef?: unknown };
}

export interface THttpProbe {
  httpGet?: { path?: string; port: string | number };
  exec?: unknown;
  tcpSocket?: unknown;
  grpc?: unknown;
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface TContainer {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: TEnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: THttpProbe;
  readinessProbe?: THttpProbe;
  livenessProbe?: THttpProbe;
  lifecycle?: { preStop?: { exec?: { command?: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface TPodSpec {
  containers: TContainer[];
  initContainers?: TContainer[];
  automountServiceAccountToken?: boolean;
  enableServiceLinks?: boolean;
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: unknown }[];
  topologySpreadConstraints?: { labelSelector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string }[] }; matchLabelKeys?: string[] }[];
}

export interface TPodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: TPodSpec;
}

/** A Deployment or a Job with its pod template. */
export interface TWorkload {
  object: TObject;
  label: string;
  template: TPodTemplate;
  spec: Record<string, unknown>;
}

export const byKind = (objects: TObject[], kind: string) => objects.filter((object) => object.kind === kind);

export const spec = (object: TObject) => (object.spec ?? {}) as Record<string, unknown>;

export function workloads(objects: TObject[]): TWorkload[] {
  return objects
    .filter((object) => object.kind === "Deployment" || object.kind === "Job")
    .map((object) => ({ object, label: `${object.kind}/${object.metadata.name}`, spec: spec(object), template: spec(object).template as TPodTemplate }));
}

/** Every label of `selector` is on `labels`. */
export const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

export const configMapData = (objects: TObject[], name: string) =>
  objects.find((object) => object.kind === "ConfigMap" && object.metadata.name === name)?.data as Record<string, string> | undefined;

/** CPU as cores ("250m" -> 0.25, "2" -> 2). */
export function cores(value: string | number | undefined): number {
  if (value === undefined) return NaN;
  const text = String(value);
  return text.endsWith("m") ? Number(text.slice(0, -1)) / 1000 : Number(text);
}

/** The container's port number for a probe's or Service's port (a name or a number); undefined if not declared. */
export function declaredPort(containers: TContainer[], port: string | number): number | undefined {
  const ports = containers.flatMap((container) => container.ports ?? []);
  const found = typeof port === "number" ? ports.find((entry) => entry.containerPort === port) : ports.find((entry) => entry.name === port);
  return found?.containerPort;
}

/** Seconds a preStop hook sleeps (`sleep N` or the sleep action), 0 without one. */
export function preStopSleep(container: TContainer): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command;
  return command?.[0] === "sleep" ? Number(command[1]) : 0;
}
