import { describe, expect, it } from "vitest";
import { Tally, formatSummary, formatTable, summaryCounts } from "./report.ts";

describe("abuse suite report", () => {
  it("counts a family as passed only when it tried something and nothing got through", () => {
    const clean = new Tally();
    clean.check("a", false);
    const leaky = new Tally();
    leaky.check("b", false);
    leaky.add("over the limit", 10, 4);
    const results = [clean.result("clean"), leaky.result("leaky"), new Tally().result("empty"), { ...clean.result("broken"), error: "no stack" }];
    expect(leaky.result("leaky")).toMatchObject({ tried: 11, letThrough: 4, findings: ["over the limit: 4 of 10"] });
    expect(formatSummary(summaryCounts(results))).toBe("1 passed, 3 failed");
  });

  it("prints an aligned table with the findings under it", () => {
    const tally = new Tally();
    tally.check("web cookie accepted by admin", true);
    const table = formatTable([tally.result("cookie swapped between apps"), new Tally().result("x")]).split("\n");
    expect(table.slice(0, 4)).toEqual([
      "attack                      | tried | let through",
      "----------------------------+-------+------------",
      "cookie swapped between apps |     1 |           1",
      "x                           |     0 |           0",
    ]);
    expect(table.slice(4)).toEqual(["", "cookie swapped between apps:", "  - web cookie accepted by admin"]);
  });
});
