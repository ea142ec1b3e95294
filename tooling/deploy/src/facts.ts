import { QUEUE_NAMES, queuePrefix } from "@marquee/api/jobs";
import { QueueKeys } from "bullmq";
import {
  dockerfileEnv,
  dockerfileExposedPorts,
  envExampleVariables,
  envTsVariables,
  launcherSoketiVersion,
  readmeSecrets,
  soketiVariables,
  startAppPorts,
  type TSecretKey,
} from "./repo.ts";

/** What each container (by its name in the manifests) runs: its Dockerfile, and the Next app for Dockerfile.app. */
export const CONTAINERS: Record<string, { dockerfile: string; image: string; app?: string }> = {
  web: { dockerfile: "docker/Dockerfile.app", image: "marquee-web", app: "web" },
  admin: { dockerfile: "docker/Dockerfile.app", image: "marquee-admin", app: "admin" },
  checkin: { dockerfile: "docker/Dockerfile.app", image: "marquee-checkin", app: "checkin-pwa" },
  api: { dockerfile: "docker/Dockerfile.api", image: "marquee-api" },
  migrate: { dockerfile: "docker/Dockerfile.api", image: "marquee-api" },
  worker: { dockerfile: "docker/Dockerfile.workers", image: "marquee-workers" },
  soketi: { dockerfile: "docker/Dockerfile.soketi", image: "marquee-soketi" },
};

export interface TRepoFacts {
  /** The Secret's keys, from deploy/kubernetes/README.md. */
  secrets: TSecretKey[];
  secretCreateCommandKeys: Set<string>;
  envExample: Map<string, string>;
  /** Variables the Marquee containers may be given: .env.example's, the env.ts files', and their Dockerfile's ENV. */
  marqueeVariables: (dockerfile: string) => Set<string>;
  soketiVariables: Set<string>;
  soketiVersion: string;
  launcherSoketiVersion: string;
  exposedPorts: (dockerfile: string) => Set<number>;
  dockerfileEnv: (dockerfile: string) => Map<string, string>;
  startAppPorts: Map<string, number>;
  /** The workers' roles and their BullMQ queue names (@marquee/api/jobs). */
  queueNames: Record<string, string>;
  /** A queue's Redis key as BullMQ itself names it under the workers' hash-tagged prefix (`<prefix>:{<queue>}:<queue>:wait`). */
  bullmqKey: (prefix: string, queue: string, type: "wait" | "active") => string;
}

export function loadRepoFacts(): TRepoFacts {
  const readme = readmeSecrets();
  const envExample = envExampleVariables();
  const fromEnvTs = envTsVariables();
  const soketi = soketiVariables();
  return {
    secrets: readme.keys,
    secretCreateCommandKeys: readme.createCommandKeys,
    envExample,
    marqueeVariables: (dockerfile) => new Set([...envExample.keys(), ...fromEnvTs, ...dockerfileEnv(dockerfile).keys()]),
    soketiVariables: soketi.names,
    soketiVersion: soketi.version,
    launcherSoketiVersion: launcherSoketiVersion(),
    exposedPorts: dockerfileExposedPorts,
    dockerfileEnv,
    startAppPorts: startAppPorts(),
    queueNames: { ...QUEUE_NAMES },
    bullmqKey: (prefix, queue, type) => new QueueKeys(queuePrefix(prefix, queue)).toKey(queue, type),
  };
}
