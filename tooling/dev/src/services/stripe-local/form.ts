// Stripe's request encoding: application/x-www-form-urlencoded with bracket notation
// (`metadata[orderId]=1`, `expand[0]=latest_charge`, `expand[]=latest_charge`). Values stay
// strings here; each route converts and validates the parameters it knows.

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

export class FormDecodeError extends Error {
  override name = "FormDecodeError";
}

/** `a[b][0]` -> ["a", "b", "0"]; `a[]` -> ["a", ""]. */
function keyPath(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const path = [key.slice(0, open)];
  const rest = key.slice(open);
  const segment = /\[([^\]]*)\]/gy;
  let consumed = 0;
  for (let match = segment.exec(rest); match; match = segment.exec(rest)) {
    path.push(match[1]!);
    consumed = segment.lastIndex;
  }
  if (consumed !== rest.length) throw new FormDecodeError(`Invalid parameter name: ${key}`);
  return path;
}

const isRecord = (value: FormValue | undefined): value is { [key: string]: FormValue } => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Decode a form body into nested objects. Numeric and empty bracket segments build arrays
 * (indices give the order, as the SDK sends `expand[0]`, `expand[1]`).
 */
export function decodeForm(body: string): FormParams {
  // Arrays are collected as index -> value maps first, then turned into arrays in index order.
  const root: { [key: string]: FormValue } = {};
  const arrays = new WeakSet<object>();
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = keyPath(rawKey);
    let node: { [key: string]: FormValue } = root;
    for (let depth = 0; depth < path.length; depth++) {
      let segment = path[depth]!;
      const last = depth === path.length - 1;
      if (arrays.has(node) && segment === "") segment = String(Object.keys(node).length);
      else if (arrays.has(node) && !/^\d+$/.test(segment)) throw new FormDecodeError(`Invalid array index in ${rawKey}`);
      if (last) {
        if (node[segment] !== undefined && typeof node[segment] !== "string") throw new FormDecodeError(`Conflicting parameter: ${rawKey}`);
        node[segment] = value;
        break;
      }
      const next = path[depth + 1]!;
      let child = node[segment];
      if (child === undefined) {
        child = {};
        if (next === "" || /^\d+$/.test(next)) arrays.add(child);
        node[segment] = child;
      }
      if (!isRecord(child)) throw new FormDecodeError(`Conflicting parameter: ${rawKey}`);
      node = child;
    }
  }
  const finish = (value: FormValue): FormValue => {
    if (!isRecord(value)) return value;
    if (arrays.has(value)) {
      return Object.entries(value)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, item]) => finish(item));
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, finish(item)]));
  };
  return finish(root) as FormParams;
}
