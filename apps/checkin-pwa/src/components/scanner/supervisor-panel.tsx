"use client";

import { useState } from "react";
import { searchAttendees, type TAttendee } from "~/scanner/device-api.ts";
import type { ScannerEngine, TScannerSnapshot } from "~/scanner/scanner-engine.ts";

/** Supervisors: override the last refusal with a reason, and search attendees (online, else in the local index). */
export function SupervisorPanel({ engine, snapshot }: { engine: ScannerEngine; snapshot: TScannerSnapshot }) {
  const [reason, setReason] = useState("");
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<TAttendee[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const refused = snapshot.recent[0] && snapshot.recent[0].deviceResult !== "ACCEPTED" && !snapshot.recent[0].override ? snapshot.recent[0] : null;

  async function search() {
    if (query.trim().length < 2) return;
    setNote(null);
    if (snapshot.online && snapshot.session) {
      try {
        setResults((await searchAttendees(snapshot.session.credential, query.trim())).attendees);
        return;
      } catch {
        setNote("Searching this phone's copy (the server did not answer).");
      }
    }
    setResults(engine.index.searchLocal(query.trim()));
  }

  return (
    <section className="supervisor card" aria-labelledby="supervisor-heading">
      <h2 id="supervisor-heading">Supervisor</h2>
      {refused ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim().length < 3) return;
            void engine.scan(refused.code, { reason: reason.trim(), verdict: refused.deviceResult });
            setReason("");
          }}
        >
          <label htmlFor="override-reason">Admit the last refused ticket anyway: reason</label>
          <input id="override-reason" value={reason} minLength={3} maxLength={500} onChange={(event) => setReason(event.target.value)} />
          <button type="submit" className="button">
            Override and admit
          </button>
        </form>
      ) : null}
      <form
        className="stack"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <label htmlFor="attendee-search">Find an attendee (name or code)</label>
        <input id="attendee-search" value={query} onChange={(event) => setQuery(event.target.value)} />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {note ? <p className="muted">{note}</p> : null}
      {results ? (
        <ul className="attendees">
          {results.length === 0 ? <li className="muted">Nobody found.</li> : null}
          {results.map((attendee) => (
            <li key={attendee.ticketId}>
              <strong>{attendee.holder ?? attendee.buyerName ?? "Unnamed"}</strong> · {attendee.ticketTypeName} {attendee.seat ? `· ${attendee.seat}` : ""} ·{" "}
              {attendee.status === "VALID" ? (attendee.checkedInAt ? "inside" : "not in yet") : attendee.status.toLowerCase()}{" "}
              <button type="button" className="button" onClick={() => void engine.scan(attendee.shortCode)}>
                Check in {attendee.shortCode}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
