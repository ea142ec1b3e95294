#!/usr/bin/env node
"use strict";
/**
 * Soketi 1.6.1 with Marquee's fan-out: `node marquee-soketi.cjs [--soketi-root DIR] start`.
 *
 * It patches methods of four of Soketi's own classes in memory, then runs Soketi's CLI unchanged
 * (the same SOKETI_* environment, the same protocol, HTTP API and adapters). Stock Soketi, per
 * message to a channel of n subscribers, copies the channel's sockets into a new Map and then,
 * per socket, parses and re-serialises the whole frame and replaces the socket's activity timer:
 * about 17 µs of CPU per delivery, twice a bare uWebSockets.js broadcast. Stock Soketi also counts
 * a channel's subscribers by that same copy on every subscribe, so n subscribes cost O(n²).
 *
 * With this launcher:
 * - Namespace: each socket that joins a channel also subscribes to the channel's uWebSockets
 *   topic (`<appId>\n<channel>`), and leaves it with the channel; a closed socket has left its
 *   topics already (uWebSockets does that on close).
 * - LocalAdapter.send serialises the frame once and hands it to uWebSockets' native publish (a
 *   client event: the sender's own `ws.publish`, which skips the sender); the loop after it only
 *   re-arms each socket's activity timer and counts the metrics, as sendJson did. A socket found
 *   in no topic (never the case for sockets joined here) falls back to sendJson.
 * - LocalAdapter.getChannelSocketsCount reads the channel set's size.
 * - WsHandler.updateTimeout refreshes the socket's timer in place instead of a new setTimeout.
 *
 * The Redis and cluster adapters deliver through LocalAdapter.send on each node, so they share it.
 * Used by `npm start`/the tests (tooling/dev/src/services/soketi.ts), the fan-out bench and the
 * Docker image (docker/Dockerfile.soketi, `--soketi-root /app`).
 */
const path = require("node:path");

const SOKETI_VERSION = "1.6.1";

function soketiRoot(argv) {
  const flag = argv.indexOf("--soketi-root");
  if (flag !== -1) {
    const root = argv[flag + 1];
    argv.splice(flag, 2);
    return path.resolve(root);
  }
  return path.dirname(require.resolve("@soketi/soketi/package.json"));
}

/** Patches the classes of the Soketi installed at `root` (idempotent). */
function patchSoketi(root) {
  const { version } = require(path.join(root, "package.json"));
  if (version !== SOKETI_VERSION) {
    throw new Error(`marquee-soketi patches Soketi ${SOKETI_VERSION}; found ${version} at ${root}`);
  }
  const { Server } = require(path.join(root, "dist", "server.js"));
  const { WsHandler } = require(path.join(root, "dist", "ws-handler.js"));
  const { LocalAdapter } = require(path.join(root, "dist", "adapters", "local-adapter.js"));
  const { Namespace } = require(path.join(root, "dist", "namespace.js"));
  if (Server.prototype.marqueeFanout) return;
  Server.prototype.marqueeFanout = true;

  const configureWebsockets = Server.prototype.configureWebsockets;
  Server.prototype.configureWebsockets = function (app) {
    this.uwsApp = app;
    return configureWebsockets.call(this, app);
  };

  WsHandler.prototype.updateTimeout = function (ws) {
    if (ws.timeout && typeof ws.timeout.refresh === "function") {
      ws.timeout.refresh();
      return;
    }
    this.clearTimeout(ws);
    ws.timeout = setTimeout(() => {
      try {
        ws.end(4201);
      } catch {
        // already closed
      }
    }, 120000);
  };

  Namespace.prototype.topicOf = function (channel) {
    return `${this.appId}\n${channel}`;
  };
  Namespace.prototype.addToChannel = function (ws, channel) {
    if (!this.channels.has(channel)) this.channels.set(channel, new Set());
    const wsIds = this.channels.get(channel);
    wsIds.add(ws.id);
    if (typeof ws.subscribe === "function") {
      try {
        ws.subscribe(this.topicOf(channel));
        (ws.marqueeTopics ??= new Set()).add(channel);
      } catch {
        // closed while joining: removeSocket cleans the set up
      }
    }
    return Promise.resolve(wsIds.size);
  };
  Namespace.prototype.removeFromChannel = function (wsId, channel) {
    const remove = (name) => {
      const wsIds = this.channels.get(name);
      if (!wsIds || !wsIds.delete(wsId)) return;
      if (wsIds.size === 0) this.channels.delete(name);
      const ws = this.sockets.get(wsId);
      if (ws && ws.marqueeTopics && ws.marqueeTopics.delete(name)) {
        try {
          ws.unsubscribe(this.topicOf(name));
        } catch {
          // closed: uWebSockets has dropped its topics
        }
      }
    };
    if (Array.isArray(channel)) {
      channel.forEach(remove);
      return Promise.resolve();
    }
    remove(channel);
    return Promise.resolve(this.channels.has(channel) ? this.channels.get(channel).size : 0);
  };
  Namespace.prototype.removeSocket = async function (wsId) {
    const removed = this.sockets.delete(wsId);
    await this.removeFromChannel(wsId, [...this.channels.keys()]);
    return removed;
  };

  LocalAdapter.prototype.getChannelSocketsCount = async function (appId, channel) {
    const wsIds = this.getNamespace(appId).channels.get(channel);
    return wsIds ? wsIds.size : 0;
  };

  const send = LocalAdapter.prototype.send;
  LocalAdapter.prototype.send = function (appId, channel, data, exceptingId = null) {
    if (channel.indexOf("#server-to-user-") === 0) return send.call(this, appId, channel, data, exceptingId);
    const namespace = this.getNamespace(appId);
    const wsIds = namespace.channels.get(channel);
    if (!wsIds) return;
    const message = JSON.parse(data);
    const frame = JSON.stringify(message);
    const app = this.server.uwsApp;
    const sender = exceptingId ? namespace.sockets.get(exceptingId) : undefined;
    const viaTopic = app && (!exceptingId || (sender && sender.marqueeTopics && sender.marqueeTopics.has(channel)));
    if (viaTopic) {
      const topic = namespace.topicOf(channel);
      if (sender) sender.publish(topic, frame, false, false);
      else app.publish(topic, frame, false, false);
    }
    const wsHandler = this.server.wsHandler;
    const metrics = this.server.metricsManager;
    for (const wsId of wsIds) {
      const ws = namespace.sockets.get(wsId);
      if (!ws || (exceptingId && exceptingId === ws.id)) continue;
      if (!viaTopic || !ws.marqueeTopics || !ws.marqueeTopics.has(channel)) {
        if (ws.sendJson) ws.sendJson(message);
        continue;
      }
      wsHandler.updateTimeout(ws);
      if (ws.app) metrics.markWsMessageSent(ws.app.id, frame);
    }
  };
}

module.exports = { patchSoketi, SOKETI_VERSION };

if (require.main === module) {
  const argv = process.argv;
  const root = soketiRoot(argv);
  patchSoketi(root);
  require(path.join(root, "bin", "server.js"));
}
