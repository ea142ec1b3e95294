import { describe, expect, it } from "vitest";
import { warmUpRenderers } from "./warm-up.ts";

describe("warmUpRenderers", () => {
  it("renders a ticket and an invoice PDF once and answers the time it took", async () => {
    const ms = await warmUpRenderers();
    expect(ms).toBeGreaterThan(0);
    // Again: the renderers stay usable (nothing was left half-initialised).
    expect(await warmUpRenderers()).toBeGreaterThan(0);
  });
});
