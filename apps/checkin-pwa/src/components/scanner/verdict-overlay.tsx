"use client";

import { useLayoutEffect } from "react";
import type { TVerdictView } from "~/scanner/verdict-view.ts";

const SHAPES = { ok: "✓", warn: "!", bad: "✕" } as const;

/** The verdict, full screen: colour, shape and word, then the details. Measures input → rendered as "checkin:verdict". */
export function VerdictOverlay({ verdict, onDismiss }: { verdict: TVerdictView; onDismiss: () => void }) {
  useLayoutEffect(() => {
    performance.measure("checkin:verdict", { start: verdict.startedAt, end: performance.now() });
  }, [verdict.seq, verdict.startedAt]);

  return (
    <div
      className={`verdict verdict-${verdict.tone}`}
      data-testid="verdict"
      data-verdict={verdict.verdict}
      role="alert"
      aria-live="assertive"
      onClick={onDismiss}
    >
      <div className="verdict-shape" aria-hidden="true">
        {SHAPES[verdict.tone]}
      </div>
      <p className="verdict-title">{verdict.title}</p>
      {verdict.lines.map((line) => (
        <p key={line} className="verdict-line">
          {line}
        </p>
      ))}
    </div>
  );
}
