// Benchmark: verifyTicketCode per code (parse + WebCrypto Ed25519 verify + claim checks), against a
// bare crypto.subtle.verify of the same message measured in the same run. Prints figures; not a test.
//
//   npx tsx packages/tickets/scripts/bench-verify.ts [--codes 2000] [--rounds 3]
import { createPublicKey, generateKeyPairSync, randomUUID, verify as nodeVerify } from "node:crypto";
import { performance } from "node:perf_hooks";
import { encodeRevocationList, decodeRevocationList, parseTicketCode, ticketSigningMessage, verifyTicketCode, type TicketClaims } from "../src/index.ts";
import { signingKeyId, signTicketCode } from "../src/sign-ticket-code.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const CODES = option("codes", 2000);
const ROUNDS = option("rounds", 3);

const { privateKey } = generateKeyPairSync("ed25519");
const rawPublic = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32);
const keyId = signingKeyId(privateKey);
const eventId = randomUUID();
const now = new Date("2027-06-12T21:00:00Z");
const keys = [{ keyId, publicKey: rawPublic.toString("base64"), status: "ACTIVE" as const }];
// 5,000 revoked tickets: a large refund wave for one event.
const revoked = decodeRevocationList(encodeRevocationList({ eventId, generatedAt: now, ticketIds: Array.from({ length: 5000 }, () => randomUUID()) }))!;

const claims = (): TicketClaims => ({
  ticketId: randomUUID(),
  eventId,
  ticketTypeId: randomUUID(),
  seatId: Math.random() < 0.5 ? randomUUID() : null,
  validFrom: new Date("2027-06-12T18:00:00Z"),
  validUntil: new Date("2027-06-13T02:00:00Z"),
  keyId,
  issuedAt: new Date("2027-03-01T10:00:00Z"),
});

const signStart = performance.now();
const codes = Array.from({ length: CODES }, () => signTicketCode(claims(), privateKey));
const signMicros = ((performance.now() - signStart) * 1000) / CODES;

const microsPerCode = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return ((performance.now() - start) * 1000) / CODES;
};

const coldStart = performance.now();
const first = await verifyTicketCode(codes[0]!, { keys, revoked, eventId, now });
const coldMicros = (performance.now() - coldStart) * 1000;
if (!first.ok) throw new Error(`bench code did not verify: ${first.reason}`);

const publicKey = createPublicKey(privateKey);
const cryptoKey = await crypto.subtle.importKey("raw", rawPublic, { name: "Ed25519" }, false, ["verify"]);
const parsed = codes.map((code) => parseTicketCode(code)!);
const messages = parsed.map((entry) => ticketSigningMessage(entry.body));

const rows: Record<string, number[]> = {
  "subtle.verify (baseline)": [],
  "node:crypto verify (sync)": [],
  verifyTicketCode: [],
  "verifyTicketCode, 64 in flight": [],
  "parseTicketCode only": [],
};
for (let round = 0; round < ROUNDS; round++) {
  rows["subtle.verify (baseline)"]!.push(
    await microsPerCode(async () => {
      for (let i = 0; i < CODES; i++) await crypto.subtle.verify("Ed25519", cryptoKey, parsed[i]!.signature, messages[i]!);
    }),
  );
  rows["node:crypto verify (sync)"]!.push(
    await microsPerCode(async () => {
      for (let i = 0; i < CODES; i++) nodeVerify(null, messages[i]!, publicKey, parsed[i]!.signature);
    }),
  );
  rows["verifyTicketCode"]!.push(
    await microsPerCode(async () => {
      for (const code of codes) if (!(await verifyTicketCode(code, { keys, revoked, eventId, now })).ok) throw new Error("rejected");
    }),
  );
  rows["verifyTicketCode, 64 in flight"]!.push(
    await microsPerCode(async () => {
      for (let i = 0; i < CODES; i += 64) await Promise.all(codes.slice(i, i + 64).map((code) => verifyTicketCode(code, { keys, revoked, eventId, now })));
    }),
  );
  rows["parseTicketCode only"]!.push(
    await microsPerCode(async () => {
      for (const code of codes) parseTicketCode(code);
    }),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const baseline = median(rows["subtle.verify (baseline)"]!);
console.info(`Node ${process.version}, ${CODES} codes x ${ROUNDS} rounds (median), revocation list of ${revoked.size}`);
console.info(`code length: ${Math.min(...codes.map((c) => c.length))}-${Math.max(...codes.map((c) => c.length))} characters`);
console.info(`signTicketCode: ${signMicros.toFixed(1)} us/code; first verify (imports the key): ${coldMicros.toFixed(0)} us`);
for (const [name, values] of Object.entries(rows)) {
  const micros = median(values);
  console.info(
    `${name.padEnd(34)} ${micros.toFixed(1).padStart(7)} us/code  ${(1e6 / micros).toFixed(0).padStart(7)} codes/s  x${(micros / baseline).toFixed(2)} baseline`,
  );
}
