import { UnrecoverableError } from "bullmq";
import { describe, expect, it, vi } from "vitest";
import { bookingPing, paymentPing } from "@marquee/api/jobs";
import { jobCorrelationId, jobKey, JobRegistry, type TRunnableJob } from "./registry.ts";

const job = (name: string, data: unknown): TRunnableJob => ({ name, data, id: "7", queueName: "marquee.booking", timestamp: 1_700_000_000_000 });

describe("JobRegistry", () => {
  it("calls the handler with the validated payload, without the correlation id", async () => {
    const handler = vi.fn(() => "done");
    const registry = new JobRegistry("marquee.booking").register(bookingPing, handler);
    await expect(registry.run(job("ping", { message: "hi", correlationId: "c-1" }))).resolves.toBe("done");
    expect(handler).toHaveBeenCalledWith({ message: "hi" }, expect.objectContaining({ id: "7" }));
  });

  it.each([
    ["a wrong type", { message: 42 }, /message: Invalid input: expected string, received number/],
    ["a missing field", {}, /message: Invalid input/],
    ["an empty string", { message: "" }, /message: Too small/],
    ["data that is not an object", "hello", /payload: Invalid input: expected object/],
  ])("rejects %s as unrecoverable without calling the handler", async (_label, data, reason) => {
    const handler = vi.fn();
    const registry = new JobRegistry("marquee.booking").register(bookingPing, handler);
    const run = registry.run(job("ping", data));
    await expect(run).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(run).rejects.toThrow(reason);
    expect(handler).not.toHaveBeenCalled();
  });

  it("rejects an unknown job name as unrecoverable", async () => {
    const registry = new JobRegistry("marquee.booking").register(bookingPing, vi.fn());
    await expect(registry.run(job("pong", { message: "hi" }))).rejects.toThrow(new UnrecoverableError('Unknown job "pong" on marquee.booking'));
  });

  it("refuses a definition of another queue and a duplicate name", () => {
    const registry = new JobRegistry("marquee.booking").register(bookingPing, vi.fn());
    expect(() => registry.register(paymentPing, vi.fn())).toThrow("belongs to marquee.payment");
    expect(() => registry.register(bookingPing, vi.fn())).toThrow("already registered");
  });

  it("lets handler errors through unchanged (they are retried)", async () => {
    const failure = new Error("database down");
    const registry = new JobRegistry("marquee.booking").register(bookingPing, () => Promise.reject(failure));
    await expect(registry.run(job("ping", { message: "hi" }))).rejects.toBe(failure);
  });
});

describe("job identity", () => {
  it("uses the enqueued correlation id, else one derived from the job", () => {
    expect(jobCorrelationId(job("ping", { message: "hi", correlationId: "c-1" }))).toBe("c-1");
    expect(jobCorrelationId(job("ping", { message: "hi" }))).toBe("marquee.booking:7:1700000000000");
    expect(jobKey(job("ping", {}))).toBe("marquee.booking:7:1700000000000");
  });
});
