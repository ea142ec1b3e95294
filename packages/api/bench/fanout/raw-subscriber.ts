// A pusher-protocol subscriber on a bare TCP socket: the WebSocket upgrade, masked client frames,
// and a reader of the server's (unmasked) frames, nothing else. The load CPU of `bench:fanout` has
// to take 10,000 deliveries per message; through `ws` (a Writable stream per socket, UTF-8 decoding,
// an event per message) it took 20-25 µs each and the subscribers, not the servers, set every
// latency. Here a delivery costs one read and a byte search for the message's stamp. The same
// client is used for the baseline and ours, so whatever it costs is in both.
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

const SEQ = Buffer.from('\\"seq\\":');
const SENT_AT = Buffer.from('\\"sentAt\\":');

/** A client frame (masked, as RFC 6455 requires of clients) with a text payload. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length >= 126) throw new Error("client frames here are short control messages");
  const mask = randomBytes(4);
  const frame = Buffer.alloc(6 + payload.length);
  frame[0] = 0x81;
  frame[1] = 0x80 | payload.length;
  mask.copy(frame, 2);
  for (let index = 0; index < payload.length; index++) frame[6 + index] = payload[index]! ^ mask[index % 4]!;
  return frame;
}

const pongFrame = (): Buffer => Buffer.from([0x8a, 0x80, 0, 0, 0, 0]);

/** The number after `label` in `payload` (digits and a dot), or NaN. */
function numberAfter(payload: Buffer, label: Buffer, from: number): { value: number; end: number } {
  const at = payload.indexOf(label, from);
  if (at < 0) return { value: NaN, end: from };
  let end = at + label.length;
  while (end < payload.length && (payload[end]! === 0x2e || (payload[end]! >= 0x30 && payload[end]! <= 0x39))) end++;
  return { value: Number(payload.toString("latin1", at + label.length, end)), end };
}

export interface TRawSubscriberEvents {
  /** A text frame that is not a stamped bench message (handshake replies, errors). */
  onText(text: string): void;
  /** A bench message: its number and send time, and when it arrived. */
  onStamp(seq: number, sentAt: number, arrivedAt: number): void;
  onClose(reason: string): void;
}

/** Opens ws://host:port/path; frames go to `events`. Answers send (a text frame) and close. */
export function openRawSubscriber(url: string, events: TRawSubscriberEvents, now: () => number): { send(text: string): void; close(): void } {
  const { hostname, port, pathname, search } = new URL(url);
  const socket: Socket = connect({ host: hostname, port: Number(port), noDelay: true });
  let upgraded = false;
  let pending: Buffer | null = null;
  let closed = false;
  const close = (reason: string) => {
    if (closed) return;
    closed = true;
    socket.destroy();
    events.onClose(reason);
  };
  socket.on("connect", () => {
    socket.write(
      `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  socket.on("error", (error) => close(error.message));
  socket.on("close", () => close("closed"));
  socket.on("data", (chunk: Buffer) => {
    const arrivedAt = now();
    let buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = null;
    if (!upgraded) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return void (pending = buffer);
      const head = buffer.toString("latin1", 0, end);
      if (!/^HTTP\/1\.1 101/.test(head)) return close(`upgrade refused: ${head.split("\r\n")[0]}`);
      upgraded = true;
      buffer = buffer.subarray(end + 4);
    }
    let offset = 0;
    while (buffer.length - offset >= 2) {
      const opcode = buffer[offset]! & 0x0f;
      let length = buffer[offset + 1]! & 0x7f;
      let start = offset + 2;
      if (length === 126) {
        if (buffer.length - offset < 4) break;
        length = buffer.readUInt16BE(offset + 2);
        start = offset + 4;
      } else if (length === 127) {
        if (buffer.length - offset < 10) break;
        length = Number(buffer.readBigUInt64BE(offset + 2));
        start = offset + 10;
      }
      if (buffer.length < start + length) break;
      const payload = buffer.subarray(start, start + length);
      offset = start + length;
      if (opcode === 0x1) {
        const seq = numberAfter(payload, SEQ, 0);
        const sentAt = Number.isNaN(seq.value) ? seq : numberAfter(payload, SENT_AT, seq.end);
        if (Number.isNaN(sentAt.value)) events.onText(payload.toString());
        else events.onStamp(seq.value, sentAt.value, arrivedAt);
      } else if (opcode === 0x9) {
        socket.write(pongFrame());
      } else if (opcode === 0x8) {
        return close(`server closed (${length >= 2 ? payload.readUInt16BE(0) : "no code"})`);
      }
    }
    if (offset < buffer.length) pending = Buffer.from(buffer.subarray(offset));
  });
  return {
    send: (text) => socket.write(textFrame(text)),
    close: () => close("closed by the bench"),
  };
}
