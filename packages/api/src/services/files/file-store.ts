import { AppError } from "../../errors.ts";

/** Where generated documents (invoice PDFs, later ticket PDFs) are kept. Keys are relative paths. */
export interface FileStore {
  /** Stores the bytes under the key, replacing what was there; readers see the old or the new file, never a partial one. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or null if there is no file under the key. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
}

// Path segments of letters, digits, `.`, `_`, `-`, separated by `/`; no
// segment may be `.` or `..` or start with a dot, so a key can never leave the store's root.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 512;

/** Throws VALIDATION_ERROR unless the key is a safe relative path (`invoices/<org>/<id>.pdf`). */
export function assertFileKey(key: string): void {
  const segments = key.split("/");
  const valid = key.length > 0 && key.length <= MAX_KEY_LENGTH && segments.every((segment) => SEGMENT.test(segment) && segment !== "..");
  if (!valid) throw new AppError("VALIDATION_ERROR", "Invalid file key.", { key: key.slice(0, 100) });
}
