import { randomUUID } from "node:crypto";
import type { AnyProcedure, AnyRouter } from "@trpc/server";
import type { z } from "zod";
import { objectShape } from "../rest/input.ts";

// A fuzz pass over a running server: junk (wrong types, huge and odd strings, NUL and control
// characters, bad path ids, broken JSON, bogus cart tokens) sent to every REST operation of its
// OpenAPI document and to every tRPC procedure, counting the answers that are 5xx. A server that
// validates at the edge answers every one of them with a 4xx.

export interface TFuzzFailure {
  method: string;
  url: string;
  status: number;
  body: string;
}

export interface TFuzzReport {
  requests: number;
  /** Answers with a 5xx status (goal: 0). */
  serverErrors: number;
  /** The first few 5xx answers, for the test's message. */
  failures: TFuzzFailure[];
}

export interface TTrpcProcedure {
  path: string;
  type: "query" | "mutation";
  /** The input's top-level fields, when it is an object. */
  fields: string[];
}

const HUGE = "x".repeat(60 * 1024);

/** Odd strings: NUL and control characters, huge, unicode oddities, injection-looking text. */
export const JUNK_STRINGS = [
  "",
  "\u0000",
  "a\u0000b",
  "\u0001\u001f\u007f",
  "\ud800",
  "💥".repeat(500),
  HUGE,
  "' OR 1=1 --",
  "../../etc/passwd",
  "%00",
  "%ZZ",
  "null",
  "-1",
  "1e309",
  "<script>",
];
/** Values of the wrong type. */
export const JUNK_VALUES: unknown[] = [null, true, 0, -1, 1.5, 1e308, [], [null], {}, { nested: { deeper: [1, "x"] } }, ...JUNK_STRINGS];
/** Path segments for `{id}` parameters. */
export const JUNK_PATH_IDS = [
  "%00",
  "a%00b",
  "%01",
  "%ZZ",
  "..",
  "%2e%2e",
  "x".repeat(3000),
  randomUUID(),
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
  "%E2%80%AE",
  "-1",
  "1e309",
];
const BOGUS_CART_TOKENS = ["bogus", "x".repeat(4096), "..%2f", "0"];
const BROKEN_BODIES = ["{", "[1,", '{"json":', "\u0000", "null", "[]", '"text"', HUGE];

/** The router's procedures (tRPC paths), their kind and their input's top-level fields. */
export function trpcProcedures(router: AnyRouter): TTrpcProcedure[] {
  const procedures = router._def.procedures as Record<string, AnyProcedure>;
  return Object.entries(procedures)
    .filter(([, procedure]) => procedure._def.type !== "subscription")
    .map(([path, procedure]) => {
      const inputs = (procedure._def as unknown as { inputs: z.ZodType[] }).inputs;
      const fields = inputs.flatMap((input) => Object.keys(objectShape(input) ?? {}));
      return { path, type: procedure._def.type as "query" | "mutation", fields: [...new Set(fields)] };
    });
}

/** Junk inputs for a procedure: junk as the whole input, then each field junk in an object. */
function junkInputs(fields: string[]): unknown[] {
  const inputs: unknown[] = [...JUNK_VALUES, undefined];
  for (const field of fields) {
    for (const value of JUNK_VALUES) inputs.push({ ...Object.fromEntries(fields.map((name) => [name, randomUUID()])), [field]: value });
  }
  return inputs;
}

interface TRecorder {
  report: TFuzzReport;
  send(method: string, url: string, init?: RequestInit): Promise<void>;
}

function recorder(concurrency: number): TRecorder {
  const report: TFuzzReport = { requests: 0, serverErrors: 0, failures: [] };
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    report,
    async send(method, url, init = {}) {
      if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        const response = await fetch(url, { ...init, method, redirect: "manual" });
        const body = await response.text();
        report.requests++;
        if (response.status >= 500) {
          report.serverErrors++;
          if (report.failures.length < 20) report.failures.push({ method, url: url.slice(0, 300), status: response.status, body: body.slice(0, 300) });
        }
      } catch (error) {
        // A dropped connection is as bad as a 5xx.
        report.requests++;
        report.serverErrors++;
        if (report.failures.length < 20) report.failures.push({ method, url: url.slice(0, 300), status: 0, body: String(error) });
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}

const headersFor = (baseUrl: string, cartToken?: string): Record<string, string> => ({
  "content-type": "application/json",
  origin: new URL(baseUrl).origin,
  "x-trpc-source": "fuzz",
  ...(cartToken ? { "x-cart-token": cartToken } : {}),
});

async function fuzzTrpcProcedure(rec: TRecorder, baseUrl: string, procedure: TTrpcProcedure) {
  const url = `${baseUrl}/api/trpc/${procedure.path}`;
  const sends: Promise<void>[] = [];
  for (const [index, input] of junkInputs(procedure.fields).entries()) {
    const cartToken = BOGUS_CART_TOKENS[index % BOGUS_CART_TOKENS.length];
    const envelope = JSON.stringify(input === undefined ? {} : { json: input });
    if (procedure.type === "query") sends.push(rec.send("GET", `${url}?input=${encodeURIComponent(envelope)}`, { headers: headersFor(baseUrl, cartToken) }));
    else sends.push(rec.send("POST", url, { headers: headersFor(baseUrl, cartToken), body: envelope }));
  }
  for (const body of BROKEN_BODIES) {
    if (procedure.type === "query") sends.push(rec.send("GET", `${url}?input=${encodeURIComponent(body)}`, { headers: headersFor(baseUrl) }));
    else sends.push(rec.send("POST", url, { headers: headersFor(baseUrl), body }));
  }
  await Promise.all(sends);
}

interface TOpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

async function fuzzRestOperation(rec: TRecorder, baseUrl: string, method: string, template: string, operation: TOpenApiOperation) {
  const params = (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
  const bodyFields = Object.keys(operation.requestBody?.content?.["application/json"]?.schema?.properties ?? {});
  const fill = (id: string) => template.replace(/\{[^}]+\}/g, id);
  const sends: Promise<void>[] = [];
  for (const [index, id] of JUNK_PATH_IDS.entries()) {
    const headers = headersFor(baseUrl, BOGUS_CART_TOKENS[index % BOGUS_CART_TOKENS.length]);
    sends.push(rec.send(method, `${baseUrl}/api/v1${fill(id)}`, method === "GET" || method === "DELETE" ? { headers } : { headers, body: "{}" }));
  }
  const path = `${baseUrl}/api/v1${fill(randomUUID())}`;
  for (const value of JUNK_STRINGS.filter((text) => text.length < 4096)) {
    const query = new URLSearchParams(params.map((name): [string, string] => [name, value]));
    sends.push(
      rec.send(
        method,
        `${path}?${query}`,
        method === "GET" || method === "DELETE" ? { headers: headersFor(baseUrl) } : { headers: headersFor(baseUrl), body: "{}" },
      ),
    );
  }
  if (method !== "GET" && method !== "DELETE") {
    for (const input of junkInputs(bodyFields))
      sends.push(rec.send(method, path, { headers: headersFor(baseUrl, "bogus"), body: JSON.stringify(input) ?? "" }));
    for (const body of BROKEN_BODIES) sends.push(rec.send(method, path, { headers: headersFor(baseUrl), body }));
    sends.push(rec.send(method, path, { headers: { ...headersFor(baseUrl), "content-type": "text/plain" }, body: "plain" }));
  }
  await Promise.all(sends);
}

/**
 * Sends junk to every REST operation in `<baseUrl>/api/openapi.json` and to every tRPC procedure
 * given (see trpcProcedures) under `<baseUrl>/api/trpc`, and counts the 5xx answers.
 */
export async function fuzzServer(baseUrl: string, options: { procedures?: TTrpcProcedure[]; concurrency?: number } = {}): Promise<TFuzzReport> {
  const rec = recorder(options.concurrency ?? 8);
  const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, TOpenApiOperation>> };
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) await fuzzRestOperation(rec, baseUrl, method.toUpperCase(), template, operation);
  }
  for (const procedure of options.procedures ?? []) await fuzzTrpcProcedure(rec, baseUrl, procedure);
  return rec.report;
}
