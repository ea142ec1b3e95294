/** One sample of Prometheus' text format: `name{label="value",...} 42`. */
export interface TSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([A-Za-z_]\w*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a /metrics answer (comments and blank lines skipped). */
export function parsePrometheusText(text: string): TSample[] {
  return text.split("\n").flatMap((line): TSample[] => {
    const match = SAMPLE.exec(line);
    if (!match || line.startsWith("#")) return [];
    const labels = Object.fromEntries(
      [...(match[2] ?? "").matchAll(LABEL)].map(([, key, value]) => [key!, value!.replace(/\\(["\\n])/g, (_, char: string) => (char === "n" ? "\n" : char))]),
    );
    return [{ name: match[1]!, labels, value: Number(match[3]) }];
  });
}

/** The value of the sample named `name` whose labels include `labels`, or undefined when there is none. */
export function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  return parsePrometheusText(text).find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    ?.value;
}
