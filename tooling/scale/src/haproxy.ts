// HAProxy's configuration for the topology, and its runtime API (the stats socket) to take API
// servers in and out of rotation for the scaling phase.
import { connect } from "node:net";

export interface Upstream {
  name: string;
  port: number;
}

export interface HaproxyConfig {
  /** Pages to the web servers, /api/* to the API servers. */
  httpPort: number;
  /** WebSockets to the Soketi nodes. */
  wsPort: number;
  web: Upstream[];
  api: Upstream[];
  soketi: Upstream[];
  /** Worker roles called over gRPC: one TCP frontend per role. */
  grpc: { role: string; port: number; servers: Upstream[] }[];
  statsSocket: string;
}

const servers = (list: Upstream[], extra = "") => list.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check${extra}`);

export function haproxyConfig(config: HaproxyConfig): string {
  return [
    "global",
    // Within a default `ulimit -n` (HAProxy needs two descriptors per connection).
    "  maxconn 4000",
    `  stats socket ${config.statsSocket} mode 600 level admin`,
    "",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 60s",
    "  timeout server 60s",
    // A WebSocket is a tunnel once upgraded: idle pusher connections ping every 2 min.
    "  timeout tunnel 1h",
    // A refused connection (a killed server before its health check fails) is retried on
    // another server; a request that reached a server is never replayed (a hold is not idempotent).
    "  retries 3",
    "  option redispatch",
    "  retry-on conn-failure",
    // Health checks every 500 ms; down after 2 failures, up after 2 successes.
    "  default-server inter 500ms fall 2 rise 2",
    // A check waits this long for its answer (the interval otherwise): a busy server is not a dead one.
    "  timeout check 2s",
    "",
    "frontend http",
    `  bind 127.0.0.1:${config.httpPort}`,
    "  option forwardfor",
    "  acl is_api path_beg /api/",
    "  use_backend api if is_api",
    "  default_backend web",
    "",
    "backend api",
    "  balance leastconn",
    // /healthz answers 503 while a server drains: it leaves rotation before it stops.
    "  option httpchk GET /healthz",
    "  http-check expect status 200",
    ...servers(config.api),
    "",
    "backend web",
    "  balance roundrobin",
    "  option httpchk GET /robots.txt",
    "  http-check expect status 200",
    ...servers(config.web),
    "",
    "frontend ws",
    `  bind 127.0.0.1:${config.wsPort}`,
    "  default_backend soketi",
    "",
    "backend soketi",
    "  balance leastconn",
    // uWebSockets (Soketi) does not answer HAProxy's default HTTP/1.0 check without a Host.
    "  option httpchk",
    "  http-check send meth GET uri / ver HTTP/1.1 hdr Host localhost",
    "  http-check expect status 200",
    ...servers(config.soketi),
    "",
    // gRPC rides one long-lived HTTP/2 connection per peer: TCP balancing spreads connections, and
    // a dead peer's connection breaks, so the caller reconnects to the live one.
    ...config.grpc.flatMap((role) => [
      `listen grpc-${role.role}`,
      "  mode tcp",
      `  bind 127.0.0.1:${role.port}`,
      "  balance roundrobin",
      "  timeout client 1h",
      "  timeout server 1h",
      ...servers(role.servers),
      "",
    ]),
  ].join("\n");
}

/** One command on HAProxy's runtime API; resolves with its answer. */
export function haproxyCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer.trim()));
    socket.on("error", reject);
    socket.on("connect", () => socket.end(`${command}\n`));
  });
}

/** Status of every server of a backend (UP, DOWN, MAINT, ...), from `show stat`. */
export async function backendStatus(socketPath: string, backend: string): Promise<Record<string, string>> {
  const csv = await haproxyCommand(socketPath, "show stat");
  const [header, ...rows] = csv.replace(/^# /, "").split("\n");
  const columns = header!.split(",");
  const [px, sv, status] = ["pxname", "svname", "status"].map((name) => columns.indexOf(name));
  return Object.fromEntries(
    rows
      .map((row) => row.split(","))
      .filter((cells) => cells[px!] === backend && cells[sv!] !== "FRONTEND" && cells[sv!] !== "BACKEND")
      .map((cells) => [cells[sv!]!, cells[status!]!]),
  );
}
