/**
 * Group commit: concurrent callers' writes go to PostgreSQL together, one statement and one
 * commit for many. Nothing waits on a timer: the first write goes out at once, and what arrives
 * while `maxInFlight` writes are out goes in the next one, so a quiet server answers as fast as
 * before and a busy one pays one commit per batch instead of one per request. Each caller is
 * answered only when its batch has committed (durability is unchanged).
 *
 * `write` answers one result per item, in order, or an Error for an item it refused. Items with
 * the same `conflictKey` never share a batch (a statement must not touch one row twice); the
 * later one waits for the next batch. When a whole batch fails (a deadlock between batches, one
 * item's bad value), each of its items is written again on its own, so one item's failure is
 * never another's.
 */
export interface TGroupCommitOptions<TIn> {
  maxBatch: number;
  maxInFlight: number;
  conflictKey?: (item: TIn) => string;
}

interface TWaiting<TIn, TOut> {
  item: TIn;
  resolve: (value: TOut) => void;
  reject: (error: unknown) => void;
}

export interface TGroupCommit<TIn, TOut> {
  submit: (item: TIn) => Promise<TOut>;
  /** Batches written so far and the items in them (for tests and benches). */
  stats: () => { batches: number; items: number; retriedAlone: number };
}

export function groupCommit<TIn, TOut>(write: (items: TIn[]) => Promise<(TOut | Error)[]>, options: TGroupCommitOptions<TIn>): TGroupCommit<TIn, TOut> {
  const pending: TWaiting<TIn, TOut>[] = [];
  let inFlight = 0;
  const stats = { batches: 0, items: 0, retriedAlone: 0 };

  const settle = (waiting: TWaiting<TIn, TOut>, result: TOut | Error | undefined) => {
    if (result instanceof Error) waiting.reject(result);
    else if (result === undefined) waiting.reject(new Error("group commit: the write answered fewer results than items"));
    else waiting.resolve(result);
  };

  const writeAlone = async (waiting: TWaiting<TIn, TOut>) => {
    stats.retriedAlone += 1;
    try {
      settle(waiting, (await write([waiting.item]))[0]);
    } catch (error) {
      waiting.reject(error);
    }
  };

  const takeBatch = (): TWaiting<TIn, TOut>[] => {
    const batch: TWaiting<TIn, TOut>[] = [];
    const keys = new Set<string>();
    for (let index = 0; index < pending.length && batch.length < options.maxBatch;) {
      const key = options.conflictKey?.(pending[index]!.item);
      if (key !== undefined && keys.has(key)) {
        index += 1;
        continue;
      }
      if (key !== undefined) keys.add(key);
      batch.push(pending.splice(index, 1)[0]!);
    }
    return batch;
  };

  const run = async (batch: TWaiting<TIn, TOut>[]) => {
    stats.batches += 1;
    stats.items += batch.length;
    let results: (TOut | Error)[] | undefined;
    try {
      results = await write(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else await Promise.all(batch.map(writeAlone));
    }
    if (results) batch.forEach((waiting, index) => settle(waiting, results[index]));
  };

  const pump = () => {
    while (inFlight < options.maxInFlight && pending.length > 0) {
      const batch = takeBatch();
      inFlight += 1;
      void run(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  return {
    submit: (item) =>
      new Promise<TOut>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        pump();
      }),
    stats: () => ({ ...stats }),
  };
}
