import { formatCount } from "@marquee/ui/format";
import type { TDownloadProgress } from "./use-streamed-download.ts";

/** The live region under an export form: progress while it downloads, then the link (or the error). */
export function DownloadStatus({ id, progress, unit, testId }: { id: string; progress: TDownloadProgress; unit: string; testId: string }) {
  return (
    <div role="status" aria-live="polite">
      {progress.state === "running" ? (
        <>
          <label htmlFor={id}>
            {formatCount(progress.done)} of {formatCount(progress.total)} {unit} ({formatCount(Math.round(progress.bytes / 1024))} KB)
          </label>
          <progress id={id} max={Math.max(progress.total, 1)} value={progress.done} />
        </>
      ) : progress.state === "done" ? (
        <p>
          {formatCount(progress.done)} {unit} ready:{" "}
          <a href={progress.href} download={progress.filename} data-testid={testId} className="break-all">
            download {progress.filename}
          </a>
        </p>
      ) : progress.state === "failed" ? (
        <p className="alert">{progress.message}</p>
      ) : null}
    </div>
  );
}
