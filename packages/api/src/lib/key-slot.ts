// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- cluster-key-slot ships no types; every program compiling this file needs the declaration
/// <reference path="./cluster-key-slot.d.ts" />
import calculateSlot from "cluster-key-slot";

/** The Redis Cluster hash slot of a key (of its {hash tag} when it has one), as the cluster computes it. */
export const keySlot = (key: string): number => calculateSlot(key);
