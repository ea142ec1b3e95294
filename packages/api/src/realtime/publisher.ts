// Server-side publishing of live updates (availability, queue position, check-in counts) to
// Soketi over the pusher HTTP API. Build one per process and hand it to services through their
// context; nothing here is a module-level singleton.
import type { SoketiConnection } from "@marquee/config/soketi";
import Pusher from "pusher";

export interface RealtimeConfig extends SoketiConnection {
  /** HTTP timeout per request (default 5 s). */
  timeoutMs?: number;
}

export interface RealtimeEvent {
  channel: string;
  event: string;
  data: unknown;
  /** Leave out the connection that caused the event. */
  socketId?: string;
}

export interface ChannelAuthorization {
  auth: string;
  channel_data?: string;
}

export interface RealtimePublisher {
  trigger(channel: string | readonly string[], event: string, data: unknown, options?: { socketId?: string }): Promise<void>;
  triggerBatch(events: readonly RealtimeEvent[]): Promise<void>;
  /** Signature for a private-/presence- subscription, for the app's auth endpoint to return. */
  authorizeChannel(socketId: string, channel: string, presence?: { user_id: string; user_info?: Record<string, unknown> }): ChannelAuthorization;
}

export class RealtimePublishError extends Error {
  override name = "RealtimePublishError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

// Pusher's (and Soketi's default) limits per HTTP request.
const MAX_CHANNELS_PER_TRIGGER = 100;
const MAX_EVENTS_PER_BATCH = 10;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
};

/** Soketi answers API errors with HTTP 200 and `{ "error": ..., "code": 401 }`: read the body too. */
function errorInBody(text: string): { error: string; code?: number } | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown; code?: unknown };
    if (typeof body.error === "string") return { error: body.error, code: typeof body.code === "number" ? body.code : undefined };
  } catch {
    // not JSON: nothing to report
  }
  return undefined;
}

async function send(what: string, request: () => Promise<{ text(): Promise<string> }>): Promise<void> {
  let text: string;
  try {
    text = await (await request()).text();
  } catch (error) {
    const { status, body, message, error: cause } = error as { status?: number; body?: string; message?: string; error?: { message?: string } };
    const reason = `${message ?? String(error)}${cause?.message ? ` (${cause.message})` : ""}`;
    throw new RealtimePublishError(`${what} failed${status ? ` (HTTP ${status}${body ? `: ${body.trim()}` : ""})` : `: ${reason}`}`, status);
  }
  const failure = errorInBody(text);
  if (failure) throw new RealtimePublishError(`${what} failed (${failure.code ?? "error"}: ${failure.error})`, failure.code);
}

export function createRealtimePublisher(config: RealtimeConfig): RealtimePublisher {
  const pusher = new Pusher({
    appId: config.appId,
    key: config.key,
    secret: config.secret,
    host: config.host,
    port: String(config.port),
    useTLS: config.useTLS,
    timeout: config.timeoutMs ?? 5_000,
  });

  return {
    async trigger(channel, event, data, options = {}) {
      const channels = typeof channel === "string" ? [channel] : [...channel];
      const params = options.socketId ? { socket_id: options.socketId } : undefined;
      for (const group of chunks(channels, MAX_CHANNELS_PER_TRIGGER)) {
        await send(`trigger ${event} on ${group.join(", ")}`, () => pusher.trigger(group, event, data, params));
      }
    },
    async triggerBatch(events) {
      for (const group of chunks(events, MAX_EVENTS_PER_BATCH)) {
        const batch = group.map(({ channel, event, data, socketId }) => ({ channel, name: event, data, ...(socketId ? { socket_id: socketId } : {}) }));
        await send(`triggerBatch of ${group.length} event(s)`, () => pusher.triggerBatch(batch));
      }
    },
    authorizeChannel(socketId, channel, presence) {
      return pusher.authorizeChannel(socketId, channel, presence);
    },
  };
}
