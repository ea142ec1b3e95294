import { noColour } from "./env.ts";

/** Prefixed, optionally coloured output lines, one prefix per process or service. */
export type Log = (line: string) => void;

const COLOURS = [36, 35, 33, 32, 34, 96, 95, 93, 92, 94];
const assigned = new Map<string, number>();
const useColour = Boolean(process.stdout.isTTY) && !noColour();
let prefixWidth = 8;

function colourFor(name: string): number {
  let colour = assigned.get(name);
  if (colour === undefined) {
    colour = COLOURS[assigned.size % COLOURS.length]!;
    assigned.set(name, colour);
  }
  return colour;
}

export function formatPrefix(name: string, width = prefixWidth, colour = useColour): string {
  const label = `[${name}]`.padEnd(width + 2);
  return colour ? `\x1b[${colourFor(name)}m${label}\x1b[0m` : label;
}

/** Widen the prefix column so that every name lines up. */
export function reservePrefixWidth(names: readonly string[]): void {
  prefixWidth = Math.max(prefixWidth, ...names.map((name) => name.length));
}

export function createLog(name: string, stream: NodeJS.WriteStream = process.stdout): Log {
  return (line) => {
    stream.write(`${formatPrefix(name)} ${line}\n`);
  };
}

/** A log that drops everything (services started from tests). */
export const silentLog: Log = () => {};

/**
 * Split a byte stream into lines: feed chunks, receive complete lines (without the newline and
 * without a trailing \r); flush() emits a last unterminated line.
 */
export function createLineSplitter(onLine: (line: string) => void) {
  let buffered = "";
  return {
    push(chunk: Buffer | string) {
      buffered += chunk.toString();
      let newline = buffered.indexOf("\n");
      while (newline !== -1) {
        onLine(buffered.slice(0, newline).replace(/\r$/, ""));
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf("\n");
      }
    },
    flush() {
      if (buffered.length > 0) onLine(buffered.replace(/\r$/, ""));
      buffered = "";
    },
  };
}

/** Strip ANSI colour codes (for parsing child output). */
// eslint-disable-next-line no-control-regex -- ANSI escapes start with ESC
export const stripAnsi = (text: string): string => text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "");
