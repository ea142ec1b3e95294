import { describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/messages/index.ts";
import { plural } from "~/i18n/plural.ts";

describe("plural", () => {
  const tickets = { one: "# ticket", other: "# tickets" };

  it("picks the English form by the plural rules and writes the count in the language's digits", () => {
    expect(plural("en", 0, tickets)).toBe("0 tickets");
    expect(plural("en", 1, tickets)).toBe("1 ticket");
    expect(plural("en", 2, tickets)).toBe("2 tickets");
    expect(plural("en", 2000, tickets)).toBe("2,000 tickets");
  });

  it("writes German counts with German digits", () => {
    const german = { one: "# Ticket", other: "# Tickets" };
    expect(plural("de", 1, german)).toBe("1 Ticket");
    expect(plural("de", 4, german)).toBe("4 Tickets");
    expect(plural("de", 2000, german)).toBe("2.000 Tickets");
  });

  it("falls back to the other form when a language's category is not given", () => {
    expect(plural("en", 1, { other: "# people" })).toBe("1 people");
  });
});

describe("counts in the site's messages", () => {
  const en = messagesFor("en");
  const de = messagesFor("de");

  it("says ticket or tickets, never ticket(s)", () => {
    expect([1, 2].map((count) => en.event.ticketCount(count))).toEqual(["1 ticket", "2 tickets"]);
    expect([1, 2].map((count) => de.event.ticketCount(count))).toEqual(["1 Ticket", "2 Tickets"]);
    expect(en.event.perOrder(1)).toBe("Up to 1 ticket per order.");
    expect(de.event.perOrder(4)).toBe("Höchstens 4 Tickets pro Bestellung.");
    expect(en.account.tickets(1)).toBe("1 ticket");
    expect(de.account.refundTickets(3)).toBe("3 Tickets");
  });

  it("counts events, people waiting and minutes in both languages", () => {
    expect(en.home.results(1)).toBe("1 event");
    expect(de.home.results(1)).toBe("1 Veranstaltung");
    expect(en.queue.waiting(1)).toBe("1 person waiting");
    expect(de.queue.waiting(1200)).toBe("1.200 Personen warten");
    expect(en.event.holdNote(1)).toBe("We hold your tickets for 1 minute while you check out.");
    expect(de.checkout.minutesLeft(1)).toBe("Noch 1 Minute, um den Kauf abzuschließen.");
  });
});
