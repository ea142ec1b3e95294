import { describe, expect, it } from "vitest";
import { createLineSplitter, formatPrefix, stripAnsi } from "./log.ts";

describe("createLineSplitter", () => {
  it("emits complete lines across chunks and the tail on flush", () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    splitter.push("first li");
    splitter.push(Buffer.from("ne\r\nsecond\nthi"));
    expect(lines).toEqual(["first line", "second"]);
    splitter.flush();
    expect(lines).toEqual(["first line", "second", "thi"]);
  });
});

describe("formatPrefix", () => {
  it("pads names so output lines up", () => {
    expect(formatPrefix("web", 8, false)).toBe("[web]     ");
    expect(formatPrefix("postgres", 8, false)).toBe("[postgres]");
  });
});

describe("stripAnsi", () => {
  it("removes colour codes", () => {
    expect(stripAnsi("\x1b[1m\x1b[30m\x1b[42m up \x1b[49m\x1b[39m")).toBe(" up ");
  });
});
