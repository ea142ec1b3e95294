import { describe, expect, it } from "vitest";
import { filterCanned, findCannedTrigger, replaceTrigger } from "./canned-trigger.ts";

describe("canned-reply trigger", () => {
  it("finds a slash at the start or after a space, up to the caret", () => {
    expect(findCannedTrigger("/ref", 4)).toEqual({ start: 0, end: 4, query: "ref" });
    expect(findCannedTrigger("Hi! /refund-po", 14)).toEqual({ start: 4, end: 14, query: "refund-po" });
    expect(findCannedTrigger("/", 1)).toEqual({ start: 0, end: 1, query: "" });
  });

  it("ignores slashes inside words and URLs, and text after the caret", () => {
    expect(findCannedTrigger("and/or", 6)).toBeNull();
    expect(findCannedTrigger("see https://x.test/ref", 22)).toBeNull();
    expect(findCannedTrigger("/ref more", 9)).toBeNull();
  });

  it("replaces the trigger with the body and puts the caret after it", () => {
    const text = "Hi! /ref thanks";
    const trigger = findCannedTrigger(text, 8);
    expect(trigger).not.toBeNull();
    if (!trigger) return;
    expect(replaceTrigger(text, trigger, "Refunds take 5 days.")).toEqual({ text: "Hi! Refunds take 5 days. thanks", caret: 24 });
  });

  it("lists codes that start with the query before those that merely contain it", () => {
    const replies = [
      { shortcut: "policy", title: "Refund policy" },
      { shortcut: "refund-policy", title: "Refunds" },
      { shortcut: "hello", title: "Greeting" },
    ];
    expect(filterCanned(replies, "ref").map((reply) => reply.shortcut)).toEqual(["refund-policy", "policy"]);
    expect(filterCanned(replies, "").length).toBe(3);
  });
});
