import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { assertFileKey, type FileStore } from "./file-store.ts";

const isNotFound = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/**
 * Files on the local disk under `rootDir` (FILE_STORAGE_DIR). A write goes to a temporary file in
 * the same directory, is fsynced, then renamed over the target: rename is atomic on one file
 * system, so a crash or a concurrent reader never sees half a file.
 */
export function createLocalFileStore(rootDir: string): FileStore {
  if (!isAbsolute(rootDir)) throw new Error(`File storage directory must be absolute: ${rootDir}`);
  const root = resolve(rootDir);

  const pathOf = (key: string): string => {
    assertFileKey(key);
    const path = join(root, ...key.split("/"));
    // Belt and braces: the key rules already exclude `..` and absolute paths.
    const inside = relative(root, path);
    if (inside.startsWith("..") || isAbsolute(inside) || inside === "") throw new Error(`File key escapes the storage directory: ${key}`);
    return path;
  };

  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        const handle = await open(temp, "wx", 0o640);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}

/** The on-disk path of a key, for tests and operators (no I/O). */
export const localFilePath = (rootDir: string, key: string): string => {
  assertFileKey(key);
  return join(resolve(rootDir), ...key.split("/"));
};
