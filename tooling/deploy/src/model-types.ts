// The models' TypeScript declarations, one alias per kind the manifests use: strict-fields.ts reads
// this file with the TypeScript checker to know which fields each object may hold (the OpenAPI
// validators of kubernetes-models accept unknown fields, as the API server's non-strict mode does).
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IPersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import type { IService } from "kubernetes-models/v1/Service";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { IScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import type { ITriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication";

export type TConfigMap = IConfigMap;
export type TPersistentVolumeClaim = IPersistentVolumeClaim;
export type TService = IService;
export type TDeployment = IDeployment;
export type TJob = IJob;
export type TPodDisruptionBudget = IPodDisruptionBudget;
export type THorizontalPodAutoscaler = IHorizontalPodAutoscaler;
export type TIngress = IIngress;
export type TNetworkPolicy = INetworkPolicy;
export type TScaledObject = IScaledObject;
export type TTriggerAuthentication = ITriggerAuthentication;
