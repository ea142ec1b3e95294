import { PerformanceObserver } from "node:perf_hooks";

/** Peak memory above the level at the start: RSS, the JS heap, and Buffers (ArrayBuffers live outside the heap). */
export interface TMemoryPeaks {
  rss: number;
  heap: number;
  buffers: number;
}

/**
 * Samples memory every 20 ms until stopped; answers the peaks above the level at the start. With
 * `live`, samples are taken after each garbage collection V8 runs, and once more after a forced
 * one at the stop (needs --expose-gc): the peaks are what was still referenced, not garbage the
 * collector had not reached yet (a short run may never collect).
 */
export function sampleMemory({ live = false } = {}): () => TMemoryPeaks {
  const start = process.memoryUsage();
  const peaks: TMemoryPeaks = { rss: 0, heap: 0, buffers: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, now.rss - start.rss);
    peaks.heap = Math.max(peaks.heap, now.heapUsed - start.heapUsed);
    peaks.buffers = Math.max(peaks.buffers, now.arrayBuffers - start.arrayBuffers);
  };
  const observer = new PerformanceObserver(sample);
  const timer = live ? null : setInterval(sample, 20);
  if (live) observer.observe({ entryTypes: ["gc"] });
  return () => {
    if (timer) clearInterval(timer);
    observer.disconnect();
    if (live) {
      global.gc?.();
      sample();
    }
    return peaks;
  };
}
