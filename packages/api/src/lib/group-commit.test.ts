import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit.ts";

/** A write the test finishes by hand: each call waits until release() is called for it. */
function manualWrite(answer: (items: number[]) => (string | Error)[] | Error) {
  const calls: { items: number[]; release: () => void }[] = [];
  const write = (items: number[]) =>
    new Promise<(string | Error)[]>((resolve, reject) => {
      calls.push({
        items,
        release: () => {
          const result = answer(items);
          if (result instanceof Error) reject(result);
          else resolve(result);
        },
      });
    });
  return { calls, write };
}

const settled = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: (error as Error).message }),
  );

/** Submits 1, then 2, 3 and 4 while 1 is out; answers once 1 is written and the next batch is out (calls[1], not yet released). */
async function batchBehindFirst(answer: (items: number[]) => (string | Error)[] | Error) {
  const { calls, write } = manualWrite(answer);
  const commit = groupCommit(write, { maxBatch: 10, maxInFlight: 1 });
  const first = commit.submit(1);
  const rest = [2, 3, 4].map((n) => settled(commit.submit(n)));
  calls[0]!.release();
  await first;
  await expect.poll(() => calls.length).toBe(2);
  return { calls, commit, rest };
}

describe("groupCommit", () => {
  it("writes the first item at once and gathers what arrives meanwhile into the next batch", async () => {
    const { calls, write } = manualWrite((items) => items.map((n) => `row ${n}`));
    const commit = groupCommit(write, { maxBatch: 100, maxInFlight: 1 });
    const first = commit.submit(1);
    expect(calls.map((call) => call.items)).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => commit.submit(n));
    expect(calls).toHaveLength(1);
    calls[0]!.release();
    expect(await first).toBe("row 1");
    await expect.poll(() => calls.length).toBe(2);
    expect(calls[1]!.items).toEqual([2, 3, 4]);
    calls[1]!.release();
    expect(await Promise.all(rest)).toEqual(["row 2", "row 3", "row 4"]);
    expect(commit.stats()).toEqual({ batches: 2, items: 4, retriedAlone: 0 });
  });

  it("keeps batches to maxBatch and runs up to maxInFlight at once", async () => {
    const { calls, write } = manualWrite((items) => items.map(String));
    const commit = groupCommit(write, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => commit.submit(n));
    expect(calls.map((call) => call.items)).toEqual([[1], [2]]);
    calls[0]!.release();
    await expect.poll(() => calls.length).toBe(3);
    expect(calls[2]!.items).toEqual([3, 4]);
    calls[1]!.release();
    await expect.poll(() => calls.length).toBe(4);
    expect(calls[3]!.items).toEqual([5, 6]);
    calls[2]!.release();
    calls[3]!.release();
    expect(await Promise.all(all)).toEqual(["1", "2", "3", "4", "5", "6"]);
  });

  it("never puts two items with one conflict key in a batch: the later waits for the next", async () => {
    const { calls, write } = manualWrite((items) => items.map(String));
    const commit = groupCommit(write, { maxBatch: 10, maxInFlight: 1, conflictKey: (n: number) => String(n % 10) });
    const all = [1, 2, 11, 3, 21].map((n) => commit.submit(n));
    calls[0]!.release();
    await expect.poll(() => calls.length).toBe(2);
    expect(calls[1]!.items).toEqual([2, 11, 3]);
    calls[1]!.release();
    await expect.poll(() => calls.length).toBe(3);
    expect(calls[2]!.items).toEqual([21]);
    calls[2]!.release();
    expect(await Promise.all(all)).toEqual(["1", "2", "11", "3", "21"]);
  });

  it("rejects only the items the write refused", async () => {
    const { calls, rest } = await batchBehindFirst((items) => items.map((n) => (n === 3 ? new Error("refused 3") : String(n))));
    calls[1]!.release();
    expect(await Promise.all(rest)).toEqual([{ value: "2" }, { error: "refused 3" }, { value: "4" }]);
  });

  it("when a whole batch fails, writes each of its items alone, so one item's failure is not another's", async () => {
    // The batch statement fails whenever it holds 3; alone, 3 fails and the others succeed.
    const { calls, commit, rest } = await batchBehindFirst((items) =>
      items.includes(3) ? new Error(`statement failed on ${items.join(",")}`) : items.map(String),
    );
    calls[1]!.release();
    await expect.poll(() => calls.length).toBe(5);
    expect(calls.slice(2).map((call) => call.items)).toEqual([[2], [3], [4]]);
    for (const call of calls.slice(2)) call.release();
    expect(await Promise.all(rest)).toEqual([{ value: "2" }, { error: "statement failed on 3" }, { value: "4" }]);
    expect(commit.stats().retriedAlone).toBe(3);
  });

  it("a write that answers too few results rejects the items left without one", async () => {
    const commit = groupCommit(async (items: number[]) => items.slice(1).map(String), { maxBatch: 10, maxInFlight: 1 });
    expect(await settled(commit.submit(1))).toEqual({ error: "group commit: the write answered fewer results than items" });
  });
});
