// No 5xx from junk: every operation of the OpenAPI document (bad path ids, odd query values,
// broken and mistyped JSON, bogus cart tokens) and every tRPC procedure of the router (junk
// inputs, broken wire format), on the standalone server and the Next apps. Every 5xx, or a
// connection dropped without an answer, got through. Kept in one module: the fuzz pass of
// packages/api (testing/fuzz.ts) may replace it.
import { randomUUID } from "node:crypto";
import { cookieHeader, cookieNameOf } from "../http.ts";
import { inputFor, type ProcedureInfo } from "../procedures.ts";
import type { Tally } from "../report.ts";
import { signInEverywhere } from "./cookie-swap.ts";
import type { Attack, AttackContext } from "./types.ts";

interface Shot {
  server: "web" | "admin" | "checkin" | "api";
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

const HUGE = "x".repeat(10_000);
const BAD_SEGMENTS = [
  "%00",
  "a%00b",
  "%0D%0Ax",
  "..%2F..%2Fetc",
  "%ZZ",
  "%FF%FE",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "x".repeat(4_000),
  "-1",
  "1e309",
  "%E2%80%AE",
  "'%20OR%201%3D1--",
];
const BAD_QUERY_VALUES = ["%00", "x".repeat(5_000), "-1", "1e309", "%5B%5D", "%FF", "true"];
const BAD_CART_TOKENS = ["", "x", "A".repeat(43), "%00", "a".repeat(300), "Bearer x"];
const BROKEN_JSON = ["{", "", "null", "[]", '"text"', "1", '{"a":', '{"__proto__":{"polluted":1}}', "{}}"];
const BAD_VALUES: unknown[] = [12345, [], {}, null, true, "\u0000", "%00", HUGE];
const JUNK_INPUTS: unknown[] = [null, "text", 123, [], {}, true, HUGE];

const short = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}...` : text);

async function fire(context: AttackContext, shot: Shot, tally: Tally): Promise<void> {
  const url = `${context.urls[shot.server]}${shot.path}`;
  let outcome: string;
  let bad: boolean;
  try {
    const response = await fetch(url, { method: shot.method, headers: shot.headers, body: shot.body, redirect: "manual", signal: AbortSignal.timeout(20_000) });
    await response.body?.cancel();
    outcome = String(response.status);
    bad = response.status >= 500;
  } catch (error) {
    outcome = `no answer (${error instanceof Error ? error.message : String(error)})`;
    bad = true;
  }
  tally.check(
    `${shot.server} ${shot.method} ${short(shot.path)}${shot.body === undefined ? "" : ` body ${short(JSON.stringify(shot.body))}`} -> ${outcome}`,
    bad,
  );
}

/** Runs the shots `width` at a time. */
async function fireAll(context: AttackContext, shots: Shot[], tally: Tally, width = 4): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < shots.length) await fire(context, shots[next++]!, tally);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

function restShots(server: Shot["server"], document: { paths: Record<string, Record<string, OpenApiOperation>> }, cartToken: string): Shot[] {
  const shots: Shot[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [lower, operation] of Object.entries(operations)) {
      const method = lower.toUpperCase();
      const params = operation.parameters ?? [];
      const pathParams = params.filter((param) => param.in === "path").map((param) => param.name);
      const fill = (values: Record<string, string>) => `/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? randomUUID())}`;
      const headers = { "x-cart-token": cartToken, "content-type": "application/json" };
      const json = operation.requestBody ? "{}" : undefined;
      const properties = Object.keys(operation.requestBody?.content?.["application/json"]?.schema?.properties ?? {});
      for (const name of pathParams) for (const segment of BAD_SEGMENTS) shots.push({ server, method, path: fill({ [name]: segment }), headers, body: json });
      for (const param of params.filter((p) => p.in === "query")) {
        for (const value of BAD_QUERY_VALUES) shots.push({ server, method, path: `${fill({})}?${param.name}=${value}`, headers, body: json });
      }
      for (const token of BAD_CART_TOKENS)
        shots.push({ server, method, path: fill({}), headers: { ...headers, "x-cart-token": token, "idempotency-key": "k".repeat(300) }, body: json });
      if (!operation.requestBody) continue;
      for (const body of BROKEN_JSON) shots.push({ server, method, path: fill({}), headers, body });
      shots.push({ server, method, path: fill({}), headers: { ...headers, "content-type": "text/plain" }, body: "hello" });
      for (const property of properties)
        for (const value of BAD_VALUES) shots.push({ server, method, path: fill({}), headers, body: JSON.stringify({ [property]: value }) });
    }
  }
  return shots;
}

function trpcShots(server: Shot["server"], procedure: ProcedureInfo, headers: Record<string, string>): Shot[] {
  const path = `/api/trpc/${procedure.path}`;
  const sample = inputFor(procedure, {});
  const keys = sample && typeof sample === "object" ? Object.keys(sample) : [];
  const inputs: unknown[] = [...JUNK_INPUTS, ...keys.flatMap((key) => BAD_VALUES.map((value) => ({ ...(sample as object), [key]: value })))];
  const wire = (input: unknown) => JSON.stringify({ json: input });
  if (procedure.type === "query") {
    return [
      ...inputs.map((input) => ({ server, method: "GET", path: `${path}?input=${encodeURIComponent(wire(input))}`, headers })),
      ...["%7B", "%00", '{"json":', "[]"].map((raw) => ({ server, method: "GET", path: `${path}?input=${raw}`, headers })),
      { server, method: "GET", path: `${path},${path.slice(10)}?batch=1&input=${encodeURIComponent('{"0":{"json":1},"1":"x"}')}`, headers },
    ];
  }
  const post = { ...headers, "content-type": "application/json" };
  return [
    ...inputs.map((input) => ({ server, method: "POST", path, headers: post, body: wire(input) })),
    ...BROKEN_JSON.map((body) => ({ server, method: "POST", path, headers: post, body })),
    { server, method: "POST", path: `${path}?batch=1`, headers: post, body: '{"0":{"json":1},"1":"x","2":null}' },
  ];
}

export const fuzz: Attack = {
  name: "fuzz (5xx from junk)",
  async run(context, tally) {
    const { fixtures, urls } = context;
    const response = await fetch(`${urls.api}/api/openapi.json`);
    if (!response.ok) throw new Error(`/api/openapi.json answered ${response.status}`);
    const document = (await response.json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
    const sessions = await signInEverywhere(context, fixtures.a.ownerEmail);
    const headersFor = (server: Shot["server"]) => {
      const app = server === "api" ? "web" : server;
      return {
        "x-trpc-source": "security",
        origin: new URL(urls[app]).origin,
        "x-cart-token": fixtures.cartToken,
        cookie: cookieHeader({ [cookieNameOf(app)]: sessions[app] }),
      };
    };
    const shots: Shot[] = [...restShots("api", document, fixtures.cartToken), ...restShots("web", document, fixtures.cartToken)];
    for (const procedure of context.procedures) {
      const servers: Shot["server"][] = procedure.organizationScoped ? ["api", "web", "admin", "checkin"] : ["api", "web"];
      for (const server of servers) shots.push(...trpcShots(server, procedure, headersFor(server)));
    }
    context.log(`fuzz: ${shots.length} requests`);
    await fireAll(context, shots, tally);
  },
};
