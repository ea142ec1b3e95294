"use client";

import { useState } from "react";

export type TDownloadProgress =
  | { state: "idle" }
  | { state: "running"; total: number; done: number; bytes: number }
  | { state: "done"; done: number; href: string; filename: string }
  | { state: "failed"; message: string };

/** Counts the finished items (rows, documents) of a body as its chunks arrive. */
export interface TItemCounter {
  push(chunk: Uint8Array): void;
  /** Items complete so far; `final` once the body has ended. */
  count(final: boolean): number;
}

export interface TStreamedDownload {
  url: string;
  /** The response header that holds the item count, sent before the body. */
  totalHeader: string;
  counter: TItemCounter;
  mimeType: string;
  fallbackFilename: string;
}

/**
 * Fetches an export and keeps it as a Blob link while showing progress: the server sends the item
 * count first (a header), then the body arrives as it is produced; the counter counts the items.
 */
export function useStreamedDownload() {
  const [progress, setProgress] = useState<TDownloadProgress>({ state: "idle" });

  const start = async ({ url, totalHeader, counter, mimeType, fallbackFilename }: TStreamedDownload) => {
    try {
      const response = await fetch(url);
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (${response.status}).`);
      }
      const total = Number(response.headers.get(totalHeader) ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      setProgress({ state: "running", total, done: 0, bytes: 0 });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        counter.push(value);
        setProgress({ state: "running", total, done: counter.count(false), bytes });
      }
      const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallbackFilename;
      const href = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: mimeType }));
      setProgress({ state: "done", done: counter.count(true), href, filename });
    } catch (error) {
      setProgress({ state: "failed", message: (error as Error).message });
    }
  };

  return { progress, start };
}
