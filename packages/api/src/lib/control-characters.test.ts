import { describe, expect, it } from "vitest";
import { findControlCharacter } from "./control-characters.ts";

describe("control characters", () => {
  it("finds NUL and other controls in nested strings and keys, and lets text with tabs and line breaks pass", () => {
    expect(findControlCharacter({ a: ["ok", "x\u0000"] })).toBe("a.1");
    expect(findControlCharacter({ "k\u0001": 1 })).toBe("(key)");
    expect(findControlCharacter("\u007f")).toBe("(input)");
    expect(findControlCharacter({ message: "line\nnext\tcol\r\n", n: 1, none: null })).toBeNull();
  });
});
