// `npm run bench:inbound-email [-- --quick] [--messages 500]`: inbound support e-mail processing
// (receiveInboundEmail: parse, route, strip the quoted history, check and store attachments, the
// buyer's message in a transaction with its outbox event) against real PostgreSQL, per message,
// with mailparser's parse alone of the same messages as the baseline measured in the same run.
//
// Realistic replies: each answers an agent's e-mail by its reply address, the answer on top of
// 30 lines of quoted history; every 10th carries a 200 KB PDF. Baseline and ours alternate in
// rounds of 50 messages after a warm-up. Prints p50/p95/mean per message, messages/s and the
// ratio of the means. Needs PostgreSQL (DATABASE_URL, default on 127.0.0.1); drops its database
// and removes its files.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "@marquee/db";
import { createFactories, createTestDatabase } from "@marquee/db/testing";
import { simpleParser } from "mailparser";
import { createLocalFileStore } from "../../src/services/files/local-file-store.ts";
import { receiveInboundEmail } from "../../src/services/support-mail/receive-inbound-email.ts";
import { replyAddress } from "../../src/services/support-mail/reply-address.ts";
import { quotedReply, rawEmail, TEST_INBOUND_DOMAIN, webConversation } from "../../src/services/support-mail/support-mail-test-kit.ts";
import { useBenchEnvInProcess } from "../lib/env.ts";
import { numberOption, percentile } from "../lib/load.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const count = numberOption(args, "messages", quick ? 100 : 500);
const CONVERSATIONS = 50;
const ROUND = 50;
const WARM_UP = 10;

const HISTORY = Array.from({ length: 30 }, (_, line) => `Line ${line + 1} of the agent's earlier answer about seats, doors and parking.`).join("\n");
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(200 * 1024 - 9, 0x20)]);

interface TFigures {
  p50: number;
  p95: number;
  mean: number;
  perSecond: number;
}

function figures(samples: number[]): TFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = samples.reduce((sum, value) => sum + value, 0);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), mean: total / samples.length, perSecond: (samples.length * 1000) / total };
}
const line = (name: string, f: TFigures) =>
  `${name}: p50 ${f.p50.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms, mean ${f.mean.toFixed(2)} ms per message = ${f.perSecond.toFixed(0)} messages/s`;

async function main() {
  const env = useBenchEnvInProcess();
  const database = await createTestDatabase(env.DATABASE_URL);
  const db = createDb(database.url, { max: 4 });
  const filesDir = await mkdtemp(join(tmpdir(), "marquee-bench-inbound-"));
  const deps = { db, files: createLocalFileStore(filesDir), inboundEmailDomain: TEST_INBOUND_DOMAIN };
  try {
    const organization = await createFactories(db).organization();
    const conversations = [];
    for (let index = 0; index < CONVERSATIONS; index++) {
      const requesterEmail = `buyer${index}@example.test`;
      conversations.push({ requesterEmail, ...(await webConversation(db, { organizationId: organization.id, requesterEmail })) });
    }
    const raws: Buffer[] = [];
    for (let index = 0; index < count + WARM_UP; index++) {
      const conversation = conversations[index % CONVERSATIONS]!;
      raws.push(
        await rawEmail({
          from: `Buyer ${index} <${conversation.requesterEmail}>`,
          to: replyAddress(conversation.id, TEST_INBOUND_DOMAIN),
          subject: "Re: Wrong seat",
          messageId: `<bench-${index}-${Date.now()}@mail.example.test>`,
          text: quotedReply(`Thanks! Message ${index}: row 7 works for me.\n\nJo`, HISTORY),
          html: `<p>Thanks! Message ${index}: row 7 works for me.</p><blockquote>${HISTORY.replaceAll("\n", "<br>")}</blockquote>`,
          attachments: index % 10 === 0 ? [{ filename: "ticket.pdf", content: PDF, contentType: "application/pdf" }] : [],
        }),
      );
    }
    const warmUp = raws.slice(0, WARM_UP);
    const measured = raws.slice(WARM_UP);
    for (const raw of warmUp) {
      await simpleParser(raw);
      await receiveInboundEmail(deps, raw, new Date());
    }
    const baseline: number[] = [];
    const ours: number[] = [];
    for (let start = 0; start < measured.length; start += ROUND) {
      const round = measured.slice(start, start + ROUND);
      for (const raw of round) {
        const startedAt = performance.now();
        await simpleParser(raw);
        baseline.push(performance.now() - startedAt);
      }
      for (const raw of round) {
        const startedAt = performance.now();
        const result = await receiveInboundEmail(deps, raw, new Date());
        ours.push(performance.now() - startedAt);
        if (result.duplicate) throw new Error("a fresh message was taken for a duplicate");
      }
    }
    const stored = await db.supportMessage.count({ where: { channel: "EMAIL" } });
    const attachments = await db.supportAttachment.count();
    if (stored !== count + WARM_UP) throw new Error(`expected ${count + WARM_UP} e-mail messages, found ${stored}`);
    const sample = await db.supportMessage.findFirstOrThrow({ where: { channel: "EMAIL" }, orderBy: { createdAt: "desc" }, select: { body: true } });
    if (sample.body.includes("> Line")) throw new Error("the quoted history reached the message");
    const base = figures(baseline);
    const full = figures(ours);
    const mb = raws.reduce((sum, raw) => sum + raw.length, 0) / (1024 * 1024);
    console.info(
      [
        `${count} inbound replies (${mb.toFixed(1)} MB raw, every 10th with a 200 KB PDF; ${attachments} attachments stored), ${CONVERSATIONS} conversations, rounds of ${ROUND}`,
        line("baseline (mailparser simpleParser only)", base),
        line("receiveInboundEmail (parse, route, strip, store, transaction)", full),
        `ratio to baseline: ${(full.mean / base.mean).toFixed(2)}x the mean, ${(full.p95 / base.p95).toFixed(2)}x the p95`,
      ].join("\n"),
    );
  } finally {
    await db.$disconnect();
    await database.drop();
    await rm(filesDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
