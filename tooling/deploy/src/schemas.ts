import { ConfigMap, PersistentVolumeClaim, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { Job } from "kubernetes-models/batch/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { ScaledObject, TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { type TObject } from "./kustomize.ts";
import { unknownFields } from "./strict-fields.ts";

interface TModel {
  new (data: never): { validate(): void };
}

/**
 * apiVersion/kind -> the kubernetes-models class whose validate() checks an object against the
 * Kubernetes OpenAPI schema (KEDA's from its CRDs), and the alias of model-types.ts naming its fields.
 */
export const MODELS: Record<string, { model: TModel; typeName: string }> = {
  "v1/ConfigMap": { model: ConfigMap, typeName: "TConfigMap" },
  "v1/PersistentVolumeClaim": { model: PersistentVolumeClaim, typeName: "TPersistentVolumeClaim" },
  "v1/Service": { model: Service, typeName: "TService" },
  "apps/v1/Deployment": { model: Deployment, typeName: "TDeployment" },
  "batch/v1/Job": { model: Job, typeName: "TJob" },
  "policy/v1/PodDisruptionBudget": { model: PodDisruptionBudget, typeName: "TPodDisruptionBudget" },
  "autoscaling/v2/HorizontalPodAutoscaler": { model: HorizontalPodAutoscaler, typeName: "THorizontalPodAutoscaler" },
  "networking.k8s.io/v1/Ingress": { model: Ingress, typeName: "TIngress" },
  "networking.k8s.io/v1/NetworkPolicy": { model: NetworkPolicy, typeName: "TNetworkPolicy" },
  "keda.sh/v1alpha1/ScaledObject": { model: ScaledObject, typeName: "TScaledObject" },
  "keda.sh/v1alpha1/TriggerAuthentication": { model: TriggerAuthentication, typeName: "TTriggerAuthentication" },
};

/** Schema errors and unknown fields of one object ([] when valid); an apiVersion/kind without a model is an error. */
export function validateObject(object: TObject): string[] {
  const label = `${object.kind}/${object.metadata.name}`;
  const entry = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!entry) return [`${label}: no schema for ${object.apiVersion} ${object.kind}`];
  const errors: string[] = [];
  try {
    new entry.model(structuredClone(object) as never).validate();
  } catch (error) {
    errors.push(`${label}: ${(error as Error).message}`);
  }
  for (const path of unknownFields(entry.typeName, object)) errors.push(`${label}: unknown field ${path}`);
  return errors;
}
