"use client";

import { generateSeatMap } from "@marquee/api/services/seat-map/generate-seats";
import { type TSeatMapDocument, type TSectionDraft, ZSeatMapDocument } from "@marquee/api/services/seat-map/seat-map-document";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState } from "react";
import { BrushToolbar } from "~/features/seat-maps/brush-toolbar.tsx";
import { type TBrush, newSection, paintSeat } from "~/features/seat-maps/editor-model.ts";
import { SeatMapCanvas } from "~/features/seat-maps/seat-map-canvas.tsx";
import { SectionForm } from "~/features/seat-maps/section-form.tsx";
import { VenuePicker } from "~/features/seat-maps/venue-picker.tsx";
import { ZoneList } from "~/features/seat-maps/zone-list.tsx";
import "~/features/seat-maps/seat-map-editor.css";

interface TSeatMapEditorProps {
  organizationId: string;
  /** null: a new map (a venue is picked first). */
  seatMap: { id: string; version: number; hasSales: boolean; venueName: string } | null;
  initial: TSeatMapDocument;
  /** What the previous page's save said (a new map or version opens on its own address). */
  savedNotice?: string | null;
}

/**
 * The seat map editor: price zones and section forms on one side, the live preview on the other
 * (the same generator the save runs, so what is shown is what is saved), brushes for blocked,
 * accessible and zone seats, validation as you type, save / export / replace from JSON.
 */
export function SeatMapEditor({ organizationId, seatMap, initial, savedNotice = null }: TSeatMapEditorProps) {
  const id = useId();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [document, setDocument] = useState<TSeatMapDocument>(initial);
  const [venueId, setVenueId] = useState<string | null>(null);
  const [brush, setBrush] = useState<TBrush>({ kind: "move" });
  const [wholeRow, setWholeRow] = useState(false);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string; issues?: string[] } | null>(
    savedNotice ? { tone: "ok", text: savedNotice } : null,
  );
  const fileRef = useRef<HTMLInputElement>(null);
  // Bumped when a whole document is loaded, so the section forms start over from it.
  const [revision, setRevision] = useState(0);

  const parsed = useMemo(() => ZSeatMapDocument.safeParse(document), [document]);
  const generated = useMemo(() => generateSeatMap(document), [document]);
  const formIssues = parsed.success ? [] : parsed.error.issues.map((issue) => `${describePath(document, issue.path)}${issue.message}`);
  const issueCount = formIssues.length + generated.issues.length;
  const zoneColours = useMemo(() => new Map(document.priceZones.map((zone) => [zone.name, zone.color])), [document.priceZones]);

  const updateSection = (index: number, next: TSectionDraft) =>
    setDocument((current) => ({ ...current, sections: current.sections.map((s, i) => (i === index ? next : s)) }));
  const moveSection = (index: number, dx: number, dy: number) =>
    setDocument((current) => ({
      ...current,
      sections: current.sections.map((s, i) => (i === index ? { ...s, x: clamp(s.x + dx), y: clamp(s.y + dy) } : s)),
    }));
  const paint = (target: { sectionIndex: number; row: string; seat: string }): boolean => {
    const seats = generated.sections[target.sectionIndex]?.rows.find((row) => row.label === target.row)?.seats;
    const seat = seats?.find((candidate) => candidate.label === target.seat);
    const section = document.sections[target.sectionIndex];
    if (!seats || !seat || !section) return false;
    updateSection(target.sectionIndex, paintSeat(section, { ...target, rowSeats: seats.map((s) => s.label) }, brush, wholeRow, seat));
    return true;
  };

  const save = useMutation(
    trpc.seatMap.save.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.seatMap.pathKey() });
        if (result.seatMapId !== seatMap?.id) {
          router.replace(`/orgs/${organizationId}/seat-maps/${result.seatMapId}?saved=${result.newVersion ? "new-version" : "created"}`);
          return;
        }
        setStatus({ tone: "ok", text: savedText(result) });
      },
      onError: (error) => {
        const { details } = appErrorOf(error);
        const issues = Array.isArray(details?.issues) ? (details.issues as { message: string; section: string | null }[]) : [];
        setStatus({
          tone: "error",
          text: error.message,
          issues: issues.map((issue) => (issue.section ? `${issue.section}: ${issue.message}` : issue.message)),
        });
      },
    }),
  );
  const exportMap = useMutation(
    trpc.seatMap.export.mutationOptions({
      onSuccess: (exported) => {
        const url = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: "application/json" }));
        const link = window.document.createElement("a");
        link.href = url;
        link.download = `${exported.name.replace(/[^\w.-]+/g, "-").toLowerCase() || "seat-map"}.json`;
        link.click();
        URL.revokeObjectURL(url);
        setStatus({ tone: "ok", text: "Exported the saved map as JSON." });
      },
      onError: (error) => setStatus({ tone: "error", text: error.message }),
    }),
  );
  const importFile = async (file: File) => {
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setStatus({ tone: "error", text: `${file.name} is not JSON.` });
      return;
    }
    const result = ZSeatMapDocument.safeParse(json);
    if (!result.success) {
      setStatus({
        tone: "error",
        text: `${file.name} is not a seat map document.`,
        issues: result.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`),
      });
      return;
    }
    setDocument(result.data);
    setRevision((current) => current + 1);
    setStatus({ tone: "ok", text: `Loaded ${file.name}. Check the preview, then save.` });
  };

  const canSave = issueCount === 0 && (seatMap !== null || venueId !== null) && !save.isPending;
  return (
    <div className="seat-map-editor">
      <div className="editor-bar card">
        <div className="field editor-name">
          <label htmlFor={`${id}-name`}>Map name</label>
          <input id={`${id}-name`} value={document.name} maxLength={80} onChange={(event) => setDocument({ ...document, name: event.target.value })} />
        </div>
        {seatMap ? (
          <p className="muted small">
            {seatMap.venueName} · version {seatMap.version}
            {seatMap.hasSales ? " · has holds or sales: saving makes a new version" : ""}
          </p>
        ) : (
          <VenuePicker organizationId={organizationId} venueId={venueId} onChange={setVenueId} />
        )}
        <div className="editor-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={!canSave}
            onClick={() => save.mutate({ organizationId, ...(seatMap ? { seatMapId: seatMap.id } : { venueId: venueId! }), document })}
          >
            {save.isPending ? "Saving…" : "Save"}
          </button>
          <button
            type="button"
            className="button"
            disabled={!seatMap || exportMap.isPending}
            onClick={() => seatMap && exportMap.mutate({ organizationId, seatMapId: seatMap.id })}
          >
            Export JSON
          </button>
          <button type="button" className="button" onClick={() => fileRef.current?.click()}>
            Replace from JSON…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            aria-label="Seat map JSON file"
            tabIndex={-1}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void importFile(file);
              event.target.value = "";
            }}
          />
        </div>
        <div role="status" className={status?.tone === "error" ? "alert" : "editor-status"}>
          {status ? <p>{status.text}</p> : null}
          {status?.issues?.length ? (
            <ul>
              {status.issues.map((issue, index) => (
                <li key={index}>{issue}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>

      <div className="editor-columns">
        <div className="editor-forms">
          <ZoneList document={document} onChange={setDocument} />
          {document.sections.map((section, index) => (
            <SectionForm
              key={`${revision}-${index}`}
              section={section}
              index={index}
              zones={document.priceZones.map((zone) => zone.name)}
              issues={generated.issues.filter((issue) => issue.sectionIndex === index).map((issue) => issue.message)}
              onChange={(next) => updateSection(index, next)}
              onRemove={() => setDocument({ ...document, sections: document.sections.filter((_, i) => i !== index) })}
            />
          ))}
          <button type="button" className="button" onClick={() => setDocument({ ...document, sections: [...document.sections, newSection(document)] })}>
            Add section
          </button>
        </div>
        <div className="editor-preview">
          <BrushToolbar
            brush={brush}
            wholeRow={wholeRow}
            zones={document.priceZones}
            sections={document.sections.map((section) => section.name)}
            onBrush={setBrush}
            onWholeRow={setWholeRow}
            onPaintByLabel={paint}
          />
          <p className="muted small" id={`${id}-summary`}>
            {generated.seatCount} seats in {document.sections.length} sections ·{" "}
            {issueCount === 0 ? "no problems" : `${issueCount} problem${issueCount === 1 ? "" : "s"} to fix before saving`}
          </p>
          {issueCount > 0 ? (
            <ul className="alert editor-issues" aria-label="Problems">
              {[
                ...formIssues,
                ...generated.issues.map((issue) => [issue.section, issue.row && `row ${issue.row}`].filter(Boolean).join(", ") + `: ${issue.message}`),
              ]
                .slice(0, 20)
                .map((text, index) => (
                  <li key={index}>{text}</li>
                ))}
            </ul>
          ) : null}
          <div className="editor-canvas-frame">
            <SeatMapCanvas generated={generated} zoneColours={zoneColours} moving={brush.kind === "move"} onMoveSection={moveSection} onSeat={paint} />
          </div>
        </div>
      </div>
    </div>
  );
}

/** The save's outcome in words (also shown after a save that opened a new map's address). */
export const savedText = (result: { newVersion: boolean; version: number; seatCount: number }) =>
  result.newVersion
    ? `Saved as a new version (version ${result.version}): this map has holds or sales, so events already using it keep the previous version.`
    : `Saved (version ${result.version}, ${result.seatCount} seats).`;

const clamp = (value: number) => Math.max(0, Math.min(10_000, value));

/** "sections.1.rows" -> "Section Circle, rows: " */
function describePath(document: TSeatMapDocument, path: PropertyKey[]): string {
  if (path[0] === "sections" && typeof path[1] === "number") return `Section ${document.sections[path[1]]?.name ?? path[1] + 1}, ${String(path[2] ?? "")}: `;
  if (path[0] === "priceZones" && typeof path[1] === "number") return `Price zone ${path[1] + 1}: `;
  return path.length ? `${path.join(".")}: ` : "";
}
