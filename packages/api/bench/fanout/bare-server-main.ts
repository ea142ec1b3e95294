// The baseline of `npm run bench:fanout`: a bare uWebSockets.js pub/sub server that speaks just
// enough of the pusher protocol for the bench's subscribers (connection_established, subscribe,
// subscription_succeeded, ping) and broadcasts with uWS's native topic publish. A POST to
// /publish/<channel> sends its body, a ready pusher frame, to every subscriber of the channel, so
// the bare path has the same HTTP hop as Soketi's trigger API and the clients get the same bytes.
// Usage: node --import tsx bare-server-main.ts <port>
import uWS from "uWebSockets.js";

const port = Number(process.argv[2]);
let sockets = 0;

const app = uWS.App();
app
  .ws("/app/:key", {
    compression: uWS.DISABLED,
    idleTimeout: 120,
    maxBackpressure: 1024 * 1024,
    open: (ws) => {
      sockets += 1;
      const socketId = `${sockets}.${Math.floor(Math.random() * 1e9)}`;
      ws.send(JSON.stringify({ event: "pusher:connection_established", data: JSON.stringify({ socket_id: socketId, activity_timeout: 120 }) }));
    },
    message: (ws, message) => {
      const frame = JSON.parse(Buffer.from(message).toString()) as { event?: string; data?: { channel?: string } };
      if (frame.event === "pusher:subscribe" && frame.data?.channel) {
        ws.subscribe(frame.data.channel);
        ws.send(JSON.stringify({ event: "pusher_internal:subscription_succeeded", channel: frame.data.channel, data: "{}" }));
      } else if (frame.event === "pusher:ping") {
        ws.send(JSON.stringify({ event: "pusher:pong", data: {} }));
      }
    },
  })
  .post("/publish/:channel", (res, req) => {
    const channel = req.getParameter(0);
    const chunks: Buffer[] = [];
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    res.onData((chunk, isLast) => {
      // uWS reuses the chunk's memory after this callback: copy it.
      chunks.push(Buffer.from(new Uint8Array(chunk)));
      if (!isLast || aborted) return;
      const delivered = app.numSubscribers(channel);
      app.publish(channel, Buffer.concat(chunks), false);
      res.cork(() => res.writeHeader("content-type", "application/json").end(JSON.stringify({ ok: true, subscribers: delivered })));
    });
  })
  .get("/", (res) => {
    res.end("OK");
  })
  .listen("127.0.0.1", port, (token) => {
    if (!token) {
      console.error(`bare uWS server: cannot listen on ${port}`);
      process.exit(1);
    }
  });

process.on("SIGTERM", () => process.exit(0));
