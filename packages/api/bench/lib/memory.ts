/** Peak memory above the level at the start: RSS, the JS heap, and Buffers (ArrayBuffers live outside the heap). */
export interface TMemoryPeaks {
  rss: number;
  heap: number;
  buffers: number;
}

/** Samples memory every 20 ms until stopped; answers the peaks above the level at the start. */
export function sampleMemory(): () => TMemoryPeaks {
  const start = process.memoryUsage();
  const peaks: TMemoryPeaks = { rss: 0, heap: 0, buffers: 0 };
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, now.rss - start.rss);
    peaks.heap = Math.max(peaks.heap, now.heapUsed - start.heapUsed);
    peaks.buffers = Math.max(peaks.buffers, now.arrayBuffers - start.arrayBuffers);
  }, 20);
  return () => {
    clearInterval(timer);
    return peaks;
  };
}
