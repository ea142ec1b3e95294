import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import fastJsonPatch, { type Operation } from "fast-json-patch";
import { parseAllDocuments } from "yaml";

/**
 * A renderer for exactly the Kustomize features deploy/kubernetes uses, for tests on machines
 * without a kustomize binary: resources (files and kustomization directories), namespace, labels
 * (pairs on metadata and pod templates, never selectors), images (newName/newTag/digest),
 * replicas, and patches holding JSON 6902 operations with a target (kind, name as an anchored
 * regular expression, namespace, group, version, equality labelSelector). Anything else in a
 * kustomization throws, so a test cannot pass on a field this renderer ignored. It is stricter than
 * kustomize where kustomize would silently do nothing: an image, replica count or patch that matches
 * no object throws too.
 */

export type TObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
};

export class KustomizeError extends Error {}

const SUPPORTED_FIELDS = new Set(["apiVersion", "kind", "resources", "namespace", "labels", "images", "replicas", "patches"]);

/** Kinds this renderer knows to be namespaced (the namespace field sets theirs); any other kind throws. */
const NAMESPACED_KINDS = new Set([
  "ConfigMap",
  "Secret",
  "Service",
  "ServiceAccount",
  "PersistentVolumeClaim",
  "Deployment",
  "StatefulSet",
  "Job",
  "CronJob",
  "PodDisruptionBudget",
  "HorizontalPodAutoscaler",
  "NetworkPolicy",
  "Ingress",
  "ScaledObject",
  "TriggerAuthentication",
]);

/** Where each kind keeps its pod template (labels' includeTemplates, images). */
const POD_TEMPLATE_PATHS: Record<string, string[][]> = {
  Deployment: [["spec", "template"]],
  StatefulSet: [["spec", "template"]],
  Job: [["spec", "template"]],
  CronJob: [["spec", "jobTemplate", "spec", "template"]],
};

const REPLICATED_KINDS = new Set(["Deployment", "StatefulSet"]);

type TRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is TRecord => typeof value === "object" && value !== null && !Array.isArray(value);

function fail(file: string, message: string): never {
  throw new KustomizeError(`${relative(process.cwd(), file)}: ${message}`);
}

function only(file: string, what: string, value: TRecord, allowed: string[]): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) fail(file, `${what}: unsupported field "${key}"`);
}

/** Parses every document of a YAML file (empty documents dropped); throws on a YAML error. */
export function readYamlDocuments(file: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  const list = Array.isArray(documents) ? documents : [documents];
  return list.flatMap((document) => {
    if (document.errors.length > 0) fail(file, `YAML error: ${document.errors[0]!.message}`);
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

function asObject(file: string, value: unknown): TObject {
  if (!isRecord(value) || typeof value.apiVersion !== "string" || typeof value.kind !== "string") fail(file, "a resource without apiVersion or kind");
  const metadata = value.metadata;
  if (!isRecord(metadata) || typeof metadata.name !== "string") fail(file, `${value.kind} without metadata.name`);
  return value as TObject;
}

const objectId = (object: TObject) => `${object.kind}/${object.metadata.namespace ?? "~"}/${object.metadata.name}`;

/** Renders the kustomization in `dir` (its kustomization.yaml) to a list of objects. */
export function renderKustomization(dir: string): TObject[] {
  const file = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((name) => join(dir, name)).find((candidate) => existsSync(candidate));
  if (!file) throw new KustomizeError(`${relative(process.cwd(), dir)}: no kustomization.yaml`);
  const [config, ...rest] = readYamlDocuments(file);
  if (!isRecord(config) || rest.length > 0) fail(file, "must hold one mapping");
  for (const key of Object.keys(config)) if (!SUPPORTED_FIELDS.has(key)) fail(file, `unsupported kustomization field "${key}"`);
  if (config.apiVersion !== "kustomize.config.k8s.io/v1beta1" || config.kind !== "Kustomization")
    fail(file, "apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization");

  const objects = loadResources(file, config.resources);
  const seen = new Set<string>();
  for (const object of objects) {
    if (seen.has(objectId(object))) fail(file, `duplicate resource ${objectId(object)}`);
    seen.add(objectId(object));
  }
  // kustomize's order of built-in transformers: patches, namespace, labels, replicas, images.
  applyPatches(file, config.patches, objects);
  if (config.namespace !== undefined) applyNamespace(file, config.namespace, objects);
  if (config.labels !== undefined) applyLabels(file, config.labels, objects);
  if (config.replicas !== undefined) applyReplicas(file, config.replicas, objects);
  if (config.images !== undefined) applyImages(file, config.images, objects);
  return objects;
}

function loadResources(file: string, resources: unknown): TObject[] {
  if (resources === undefined) return [];
  if (!Array.isArray(resources)) fail(file, "resources must be a list");
  return resources.flatMap((entry) => {
    if (typeof entry !== "string" || /^[a-z]+:\/\//i.test(entry) || entry.includes("?ref="))
      fail(file, `resources: only local paths are supported (${String(entry)})`);
    const path = resolve(dirname(file), entry);
    if (!existsSync(path)) fail(file, `resources: ${entry} does not exist`);
    if (statSync(path).isDirectory()) return renderKustomization(path);
    return readYamlDocuments(path).map((document) => asObject(path, document));
  });
}

function applyNamespace(file: string, namespace: unknown, objects: TObject[]): void {
  if (typeof namespace !== "string" || namespace === "") fail(file, "namespace must be a string");
  for (const object of objects) {
    if (!NAMESPACED_KINDS.has(object.kind)) fail(file, `namespace: ${object.kind} is not a kind this renderer knows to be namespaced`);
    object.metadata.namespace = namespace;
  }
}

/** The object at `path` under `root`, created as an empty mapping where missing when `create`. */
function at(root: TRecord, path: string[], create: boolean): TRecord | undefined {
  let node: TRecord = root;
  for (const key of path) {
    const next = node[key];
    if (!isRecord(next)) {
      if (!create) return undefined;
      node[key] = {};
    }
    node = node[key] as TRecord;
  }
  return node;
}

function applyLabels(file: string, labels: unknown, objects: TObject[]): void {
  if (!Array.isArray(labels)) fail(file, "labels must be a list");
  for (const entry of labels) {
    if (!isRecord(entry)) fail(file, "labels: each entry must be a mapping");
    only(file, "labels", entry, ["pairs", "includeSelectors", "includeTemplates"]);
    if (entry.includeSelectors === true) fail(file, "labels: includeSelectors: true is not implemented (selectors are immutable on Deployments)");
    const pairs = entry.pairs;
    if (!isRecord(pairs) || Object.values(pairs).some((value) => typeof value !== "string")) fail(file, "labels: pairs must map strings to strings");
    for (const object of objects) {
      Object.assign(at(object, ["metadata", "labels"], true)!, pairs);
      if (entry.includeTemplates !== true) continue;
      for (const path of POD_TEMPLATE_PATHS[object.kind] ?? []) Object.assign(at(object, [...path, "metadata", "labels"], true)!, pairs);
    }
  }
}

function applyReplicas(file: string, replicas: unknown, objects: TObject[]): void {
  if (!Array.isArray(replicas)) fail(file, "replicas must be a list");
  for (const entry of replicas) {
    if (!isRecord(entry)) fail(file, "replicas: each entry must be a mapping");
    only(file, "replicas", entry, ["name", "count"]);
    if (typeof entry.name !== "string" || !Number.isInteger(entry.count)) fail(file, "replicas: name (string) and count (integer) are required");
    const targets = objects.filter((object) => REPLICATED_KINDS.has(object.kind) && object.metadata.name === entry.name);
    if (targets.length === 0) fail(file, `replicas: no Deployment or StatefulSet named ${entry.name}`);
    for (const target of targets) at(target, ["spec"], true)!.replicas = entry.count;
  }
}

/** Splits "registry:5000/name:tag@sha256:..." into its name, tag and digest. */
export function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const [withTag = "", digest] = image.split("@", 2);
  const slash = withTag.lastIndexOf("/");
  const colon = withTag.lastIndexOf(":");
  const name = colon > slash ? withTag.slice(0, colon) : withTag;
  const tag = colon > slash ? withTag.slice(colon + 1) : undefined;
  return { name, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

function podContainers(object: TObject): TRecord[] {
  return (POD_TEMPLATE_PATHS[object.kind] ?? []).flatMap((path) => {
    const spec = at(object, [...path, "spec"], false);
    return [spec?.containers, spec?.initContainers].flatMap((list) => (Array.isArray(list) ? list.filter(isRecord) : []));
  });
}

function applyImages(file: string, images: unknown, objects: TObject[]): void {
  if (!Array.isArray(images)) fail(file, "images must be a list");
  for (const entry of images) {
    if (!isRecord(entry)) fail(file, "images: each entry must be a mapping");
    only(file, "images", entry, ["name", "newName", "newTag", "digest"]);
    if (typeof entry.name !== "string") fail(file, "images: name is required");
    if ([entry.newName, entry.newTag, entry.digest].some((value) => value !== undefined && typeof value !== "string"))
      fail(file, `images: ${entry.name}: values must be strings`);
    let matched = 0;
    for (const container of objects.flatMap(podContainers)) {
      if (typeof container.image !== "string") continue;
      const current = splitImage(container.image);
      if (current.name !== entry.name) continue;
      matched++;
      const name = (entry.newName as string | undefined) ?? current.name;
      if (entry.digest !== undefined) container.image = `${name}@${entry.digest as string}`;
      else {
        const tag = (entry.newTag as string | undefined) ?? current.tag;
        container.image = `${name}${tag === undefined ? "" : `:${tag}`}${current.digest === undefined ? "" : `@${current.digest}`}`;
      }
    }
    if (matched === 0) fail(file, `images: no container uses ${entry.name}`);
  }
}

/** Equality-based label selector ("a=b,c=d"), as kustomize targets accept; anything else throws. */
function matchesLabelSelector(file: string, selector: string, labels: Record<string, string> = {}): boolean {
  return selector.split(",").every((term) => {
    const match = /^\s*([^=!\s]+)\s*==?\s*([^=!\s]*)\s*$/.exec(term);
    if (!match) fail(file, `patches: labelSelector "${selector}": only key=value terms are implemented`);
    return labels[match[1]!] === match[2];
  });
}

function targetMatches(file: string, target: TRecord, object: TObject): boolean {
  only(file, "patches target", target, ["group", "version", "kind", "name", "namespace", "labelSelector"]);
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/", 2) : ["", object.apiVersion];
  const anchored = (pattern: unknown, value: string | undefined) => pattern === undefined || new RegExp(`^(?:${String(pattern)})$`).test(value ?? "");
  return (
    anchored(target.group, group) &&
    anchored(target.version, version) &&
    anchored(target.kind, object.kind) &&
    anchored(target.name, object.metadata.name) &&
    anchored(target.namespace, object.metadata.namespace) &&
    (target.labelSelector === undefined || matchesLabelSelector(file, String(target.labelSelector), object.metadata.labels))
  );
}

function applyPatches(file: string, patches: unknown, objects: TObject[]): void {
  if (patches === undefined) return;
  if (!Array.isArray(patches)) fail(file, "patches must be a list");
  for (const entry of patches) {
    if (!isRecord(entry)) fail(file, "patches: each entry must be a mapping");
    only(file, "patches", entry, ["path", "patch", "target"]);
    if ((entry.path === undefined) === (entry.patch === undefined)) fail(file, "patches: give exactly one of path and patch");
    const source = entry.path === undefined ? file : resolve(dirname(file), String(entry.path));
    const documents = entry.path === undefined ? [parseInline(file, String(entry.patch))] : readYamlDocuments(source);
    const operations = documents[0];
    if (documents.length !== 1 || !Array.isArray(operations))
      fail(source, "only JSON 6902 patches (a list of operations) are implemented, not strategic merge");
    if (!isRecord(entry.target)) fail(file, "patches: a JSON 6902 patch needs a target");
    const targets = objects.filter((object) => targetMatches(file, entry.target as TRecord, object));
    if (targets.length === 0) fail(file, `patches: ${String(entry.path ?? "inline patch")} matches no object`);
    for (const target of targets) {
      const error = fastJsonPatch.validate(operations as Operation[], target);
      if (error) fail(source, `patch on ${objectId(target)}: ${error.name} at operation ${error.index ?? "?"}: ${error.message.split("\n")[0]}`);
      fastJsonPatch.applyPatch(target, operations as Operation[], true, true);
    }
  }
}

function parseInline(file: string, text: string): unknown {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  if (list.length !== 1 || list[0]!.errors.length > 0) fail(file, "patches: an inline patch must be one YAML document");
  return list[0]!.toJS();
}

/** kustomize's legacy output order (what `kubectl kustomize` prints): dependencies before their users. */
const KIND_ORDER = [
  "Namespace",
  "ServiceAccount",
  "ConfigMap",
  "Secret",
  "Service",
  "PersistentVolumeClaim",
  "Deployment",
  "StatefulSet",
  "CronJob",
  "Job",
  "PodDisruptionBudget",
];

export function sortLikeKustomize(objects: TObject[]): TObject[] {
  const rank = (object: TObject) => {
    const index = KIND_ORDER.indexOf(object.kind);
    return index === -1 ? KIND_ORDER.length : index;
  };
  return [...objects].sort((a, b) => rank(a) - rank(b) || a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name));
}
