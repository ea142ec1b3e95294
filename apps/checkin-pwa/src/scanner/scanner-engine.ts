import { type CheckinScanKind, type CheckinVerdict, decideCheckin } from "@marquee/tickets";
import type { TPublicRealtimeConfig } from "@marquee/ui/realtime";
import { readMeta, type TQueuedScan, wipeScannerDb, writeMeta } from "./db.ts";
import { DeviceApiError, isCredentialDead, pairDevice, type TPairDeviceJson } from "./device-api.ts";
import { playVerdictFeedback } from "./feedback.ts";
import { connectLive } from "./live-channel.ts";
import { knownScanOf, LocalIndex } from "./local-index.ts";
import { readDeviceSession, saveDeviceSession, type TDeviceSession } from "./pairing.ts";
import { countPending, enqueueScan, markAnnulled, newNonce, recentScans, uploadPendingBatch } from "./scan-queue.ts";
import { runSync } from "./sync.ts";
import { type TVerdictView, verdictViewOf } from "./verdict-view.ts";

// The scanner's brain, outside React: the device session, the local index, the tick that uploads
// the queue and pulls deltas every few seconds, the live channel, and the scan itself. The screen
// reads `snapshot` through useSyncExternalStore.

export const TICK_MS = 3000;
export const UNDO_WINDOW_MS = 2 * 60 * 1000;

export type TPhase = "loading" | "pairing" | "revoked" | "scanning";

export interface TScannerSnapshot {
  phase: TPhase;
  session: TDeviceSession | null;
  online: boolean;
  live: boolean;
  ready: boolean;
  lastSyncAt: number | null;
  syncError: string | null;
  pending: number;
  recent: TQueuedScan[];
  listId: string | null;
  kind: CheckinScanKind;
  verdict: TVerdictView | null;
  counts: { gate: number; total: number };
  revokedMessage: string | null;
}

const INITIAL: TScannerSnapshot = {
  phase: "loading",
  session: null,
  online: true,
  live: false,
  ready: false,
  lastSyncAt: null,
  syncError: null,
  pending: 0,
  recent: [],
  listId: null,
  kind: "ENTRY",
  verdict: null,
  counts: { gate: 0, total: 0 },
  revokedMessage: null,
};

export class ScannerEngine {
  readonly index = new LocalIndex();
  snapshot: TScannerSnapshot = INITIAL;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  /** A scan or undo came while a tick was running: tick again at once rather than after TICK_MS. */
  private again = false;
  private failures = 0;
  private nextTryAt = 0;
  private seq = 0;
  private disconnectLive: (() => void) | null = null;
  private stopped = false;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private set(patch: Partial<TScannerSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Opens the stored session (or the pairing screen) and starts the tick. */
  async start(): Promise<void> {
    this.stopped = false;
    const session = await readDeviceSession();
    if (!session) {
      this.set({ ...INITIAL, phase: "pairing", online: navigator.onLine });
      return;
    }
    await this.index.load();
    const selection = (await readMeta<{ listId: string; kind: CheckinScanKind }>("selection")) ?? null;
    this.set({
      phase: "scanning",
      session,
      online: navigator.onLine,
      ready: (await readMeta<boolean>("ready")) ?? false,
      lastSyncAt: (await readMeta<number>("lastSyncAt")) ?? null,
      listId: selection?.listId ?? null,
      kind: selection?.kind ?? "ENTRY",
    });
    this.pickDefaultList();
    await this.refreshLocal();
    void this.connectRealtime();
    this.schedule(0);
  }

  /** Stops timers and the live connection (unmount). */
  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.disconnectLive?.();
    this.disconnectLive = null;
  }

  /** Pairs with a token (QR or typed); throws DeviceApiError with the server's code when refused. */
  async pair(token: string): Promise<void> {
    await this.adopt(await pairDevice(token));
  }

  /** Stores a credential from pairing or "sign in with my account" and starts scanning. */
  async adopt(answer: TPairDeviceJson): Promise<void> {
    await saveDeviceSession(answer);
    this.stop();
    await this.start();
  }

  setOnline(online: boolean) {
    this.set({ online });
    if (online) {
      this.nextTryAt = 0;
      this.schedule(0);
    }
  }

  /** Upload at once: now when idle, or right after the tick that is running. */
  private uploadSoon() {
    if (this.busy) this.again = true;
    else this.schedule(50);
  }

  private schedule(delay: number) {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  /** Upload, then pull; failures back off (1 s, 2 s, 4 s ... 30 s) and keep every nonce for the retry. */
  private async tick(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    if (this.snapshot.phase !== "scanning" || !this.snapshot.session) return this.schedule(TICK_MS);
    if (!navigator.onLine) {
      // The browser says offline: say so even when a sync that was in flight as the network dropped ended well.
      if (this.snapshot.online) this.set({ online: false });
      return this.schedule(TICK_MS);
    }
    if (Date.now() < this.nextTryAt) return this.schedule(Math.max(250, this.nextTryAt - Date.now()));
    this.busy = true;
    const { credential } = this.snapshot.session;
    try {
      while ((await uploadPendingBatch(credential)).more) {
        // A full batch: the next one at once.
      }
      const outcome = await runSync(credential, this.index);
      if (outcome.device && this.snapshot.session) {
        const session = { ...this.snapshot.session, device: outcome.device };
        await writeMeta("session", session);
        this.set({ session });
      }
      this.failures = 0;
      this.pickDefaultList();
      // navigator.onLine, not true: the network may have dropped while this sync was in flight.
      this.set({ online: navigator.onLine, ready: this.snapshot.ready || outcome.full, lastSyncAt: Date.now(), syncError: null });
      if (outcome.full) void this.connectRealtime();
    } catch (error) {
      if (isCredentialDead(error)) return void this.revoke(error);
      this.failures += 1;
      this.nextTryAt = Date.now() + Math.min(30_000, 1000 * 2 ** (this.failures - 1));
      const network = error instanceof DeviceApiError && error.code === "NETWORK";
      this.set({ online: network ? false : this.snapshot.online, syncError: error instanceof Error ? error.message : String(error) });
    } finally {
      this.busy = false;
      // After a wipe there is nothing to read (and reading would create the database again).
      if (this.snapshot.phase === "scanning") await this.refreshLocal().catch(() => undefined);
    }
    // A scan made during this tick is uploaded now, not a whole TICK_MS later (other gates wait for it).
    this.schedule(this.again ? 0 : TICK_MS);
    this.again = false;
  }

  /** The credential is dead (revoked, or rolled): wipe everything and show why. */
  async revoke(error: DeviceApiError): Promise<void> {
    this.stop();
    await wipeScannerDb();
    this.index.events = [];
    const revoked = error.code === "DEVICE_REVOKED";
    this.set({
      ...INITIAL,
      phase: revoked ? "revoked" : "pairing",
      revokedMessage: revoked ? error.message : "This device's credential was replaced. Pair it again.",
    });
  }

  /** Back to the pairing screen after a revocation. */
  pairAgain() {
    this.set({ ...INITIAL, phase: "pairing", online: navigator.onLine });
  }

  private async connectRealtime() {
    const session = this.snapshot.session;
    if (!session) return;
    let config = await readMeta<TPublicRealtimeConfig>("realtime");
    try {
      const response = await fetch("/api/realtime-config", { cache: "no-store" });
      if (response.ok) {
        config = (await response.json()) as TPublicRealtimeConfig;
        await writeMeta("realtime", config);
      }
    } catch {
      // Offline: the stored settings (pusher-js reconnects by itself once the network is back).
    }
    if (!config || this.stopped) return;
    this.disconnectLive?.();
    this.disconnectLive = connectLive(config, session.credential, session.device.eventIds, {
      onScan: (scan) => void this.index.recordScan(knownScanOf(scan)).then(() => this.refreshLocal()),
      onTicket: (ticket) => void this.index.setTicketStatus(ticket.id, ticket.status),
      onState: (live) => this.set({ live }),
      onAuthError: () => this.schedule(0),
    });
  }

  private pickDefaultList() {
    const lists = this.index.lists.filter((list) => !list.archived);
    if (lists.length === 0) return;
    const current = lists.find((list) => list.id === this.snapshot.listId);
    const list = current ?? lists[0]!;
    const kind = list.exitScans ? this.snapshot.kind : "ENTRY";
    if (list.id !== this.snapshot.listId || kind !== this.snapshot.kind) this.set({ listId: list.id, kind });
  }

  /** Chooses the list and ENTRY/EXIT (EXIT only on a list with exit scans). */
  async select(listId: string, kind: CheckinScanKind) {
    const list = this.index.lists.find((entry) => entry.id === listId);
    const safeKind = list?.exitScans ? kind : "ENTRY";
    this.set({ listId, kind: safeKind });
    await writeMeta("selection", { listId, kind: safeKind });
    this.recount();
  }

  /** Decides one scan with the same rules as the server, shows it, and queues it. */
  async scan(rawCode: string, override?: { reason: string; verdict: CheckinVerdict }): Promise<TVerdictView | null> {
    const startedAt = performance.now();
    const code = rawCode.trim();
    const session = this.snapshot.session;
    const list = this.index.lists.find((entry) => entry.id === this.snapshot.listId);
    if (!code || !session || !list) return null;
    const kind = this.snapshot.kind;
    const now = Date.now();
    const decision = await decideCheckin({
      code,
      kind,
      list: this.index.rulesOf(list),
      keys: this.index.keys,
      revoked: this.index.revokedOf(list.eventId),
      now,
      findTicket: this.index.findTicket,
      priorScans: (ticketId) => this.index.priorScans(ticketId, list.id),
    });
    const nonce = newNonce();
    const view = verdictViewOf(decision, this.index, { seq: ++this.seq, nonce, startedAt, kind });
    if (override) Object.assign(view, { verdict: "ACCEPTED", tone: "ok", title: "Admitted (override)", overridden: true });
    this.set({ verdict: view });
    playVerdictFeedback(view.tone);
    const entry: TQueuedScan = {
      nonce,
      code,
      kind,
      listId: list.id,
      eventId: list.eventId,
      ticketId: decision.ticketId,
      scannedAt: now,
      deviceResult: override ? override.verdict : decision.verdict,
      offline: !this.snapshot.online,
      state: "pending",
      attempts: 0,
      ...(override ? { override: { reason: override.reason } } : {}),
    };
    await enqueueScan(entry);
    if ((decision.verdict === "ACCEPTED" || override) && decision.ticketId) {
      const device = session.device;
      await this.index.recordScan({
        nonce,
        eventId: list.eventId,
        listId: list.id,
        ticketId: decision.ticketId,
        kind,
        scannedAt: now,
        gate: device.gate,
        deviceId: device.id,
        deviceName: device.name,
        annulled: false,
      });
    }
    await this.refreshLocal();
    if (this.snapshot.online) this.uploadSoon();
    return view;
  }

  /** Undo: the last own counted scan within 2 minutes is annulled here at once and on the server at the next upload. */
  async undoLast(): Promise<boolean> {
    const last = this.undoable();
    if (!last) return false;
    const annulledAt = Date.now();
    await markAnnulled(last.nonce, annulledAt);
    const session = this.snapshot.session!;
    await this.index.recordScan({
      nonce: last.nonce,
      eventId: last.eventId,
      listId: last.listId,
      ticketId: last.ticketId!,
      kind: last.kind,
      scannedAt: last.scannedAt,
      gate: session.device.gate,
      deviceId: session.device.id,
      deviceName: session.device.name,
      annulled: true,
    });
    this.set({ verdict: null });
    await this.refreshLocal();
    this.uploadSoon();
    return true;
  }

  /** The scan Undo would annul, if any. */
  undoable(): TQueuedScan | undefined {
    const last = this.snapshot.recent.find((entry) => entry.deviceResult === "ACCEPTED" || entry.override);
    if (!last || last.annulledAt !== undefined || !last.ticketId || Date.now() - last.scannedAt > UNDO_WINDOW_MS) return undefined;
    return last;
  }

  dismissVerdict() {
    this.set({ verdict: null });
  }

  private async refreshLocal() {
    const [pending, recent] = await Promise.all([countPending(), recentScans(20)]);
    this.set({ pending, recent });
    this.recount();
  }

  /** Distinct tickets inside (counted entries) of the selected list's event: at this gate and in total. */
  private recount() {
    const list = this.index.lists.find((entry) => entry.id === this.snapshot.listId);
    const gate = this.snapshot.session?.device.gate ?? null;
    const total = new Set<string>();
    const atGate = new Set<string>();
    for (const scan of this.index.countedScans()) {
      if (scan.kind !== "ENTRY" || (list && scan.eventId !== list.eventId)) continue;
      total.add(scan.ticketId);
      if (scan.gate === gate) atGate.add(scan.ticketId);
    }
    const counts = { gate: atGate.size, total: total.size };
    if (counts.gate !== this.snapshot.counts.gate || counts.total !== this.snapshot.counts.total) this.set({ counts });
  }
}
