// `npm run test:cluster`: a local Redis Cluster (three masters, three replicas) and the tests whose
// Redis work must hold in a cluster (holds, the waiting room, the outbox, the job queues, failover)
// run against it. The last line is `test:cluster: passed` or `test:cluster: failed (...)`.
import { runEntryPoint } from "./cli.ts";

runEntryPoint(() => import("./test-cluster-main.ts"));
