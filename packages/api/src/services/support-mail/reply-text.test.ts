import { describe, expect, it } from "vitest";
import { stripQuotedReply } from "./reply-text.ts";

describe("stripQuotedReply", () => {
  it("cuts Gmail's quoted history", () => {
    const text = "Thanks, that works!\n\nOn Mon, 1 Dec 2026 at 10:00, Ana · Acme <tickets@marquee.local> wrote:\n> We moved you to row 7.\n> Ana";
    expect(stripQuotedReply(text)).toBe("Thanks, that works!");
  });

  it("joins a wrapped 'On ... wrote:' line", () => {
    const text = "Great.\n\nOn Mon, 1 Dec 2026 at 10:00, Ana from the support team <tickets@marquee.local>\nwrote:\n\n> Hello";
    expect(stripQuotedReply(text)).toBe("Great.");
  });

  it("cuts German and Outlook histories", () => {
    expect(stripQuotedReply("Danke!\n\nAm 01.12.2026 um 10:00 schrieb Ana <tickets@marquee.local>:\n> Hallo")).toBe("Danke!");
    expect(stripQuotedReply("Ok.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday\n\nHello")).toBe("Ok.");
    expect(stripQuotedReply("Fine.\n\nFrom: Ana <tickets@marquee.local>\nSent: Monday, 1 December 2026 10:00\nTo: jo@example.com\n\nHello")).toBe("Fine.");
  });

  it("keeps a line that merely starts with From: and answers between quotes", () => {
    expect(stripQuotedReply("From: row 7 I cannot see the stage.")).toBe("From: row 7 I cannot see the stage.");
    expect(stripQuotedReply("> Which seat?\nRow 7, seat 3.\n> Which date?\nSaturday.")).toBe("Row 7, seat 3.\nSaturday.");
  });

  it("cuts signatures", () => {
    expect(stripQuotedReply("See you there\n-- \nJo Buyer\n+49 30 123")).toBe("See you there");
    expect(stripQuotedReply("Yes please\n\nSent from my iPhone")).toBe("Yes please");
  });

  it("falls back to the full text when everything is quoted", () => {
    expect(stripQuotedReply("> only a quote\n> nothing else")).toBe("> only a quote\n> nothing else");
  });
});
