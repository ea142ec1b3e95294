"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import Link from "next/link";
import { SeatMapEditor, savedText } from "~/features/seat-maps/seat-map-editor.tsx";

type TSeatMapDetail = AdminRouterOutputs["seatMap"]["get"];

/** One map: the editor when it was drawn in the editor, else what it is and how to get an editable one. */
export function SeatMapDetail({
  organizationId,
  seatMap,
  saved,
}: {
  organizationId: string;
  seatMap: TSeatMapDetail;
  saved: "created" | "new-version" | null;
}) {
  const base = `/orgs/${organizationId}/seat-maps`;
  return (
    <>
      <h1>{seatMap.name}</h1>
      {seatMap.nextSeatMapId ? (
        <p className="alert" role="status">
          A newer version of this map exists. <Link href={`${base}/${seatMap.nextSeatMapId}`}>Open the newest version</Link>.
        </p>
      ) : null}
      {seatMap.events.length ? <p className="muted small">Used by: {seatMap.events.map((event) => event.name).join(", ")}</p> : null}
      {seatMap.document ? (
        <SeatMapEditor
          key={seatMap.id}
          organizationId={organizationId}
          seatMap={{ id: seatMap.id, version: seatMap.version, hasSales: seatMap.hasSales, venueName: seatMap.venue.name }}
          initial={seatMap.document}
          savedNotice={saved ? savedText({ newVersion: saved === "new-version", version: seatMap.version, seatCount: seatMap.seatCount }) : null}
        />
      ) : (
        <p className="card">
          {seatMap.seatCount} seats at {seatMap.venue.name}. Its seats are not rows the editor can describe, so it cannot be edited here; draw a new one or
          import a JSON document.
        </p>
      )}
    </>
  );
}
