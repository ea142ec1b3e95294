// A few seconds of memory for hot, public, per-request-identical reads (the event listing):
// under a rush every request in the window shares one database read, and concurrent misses
// share the same promise (no stampede). Failures are not kept.

interface TEntry<T> {
  at: number;
  value: Promise<T>;
}

export function createMicroCache<T>({ ttlMs, maxEntries }: { ttlMs: number; maxEntries: number }) {
  const entries = new Map<string, TEntry<T>>();
  return function cached(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = load();
    entries.delete(key);
    entries.set(key, { at: now, value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    // Map keeps insertion order: the first key is the oldest.
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
}
