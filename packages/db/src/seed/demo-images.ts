import { randomBytes } from "node:crypto";
import { copyFile, mkdir, readFile, rename, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Demo event images: drawn scenes stored the way an upload is (packages/api storeEventImage: WebP
// at 320-1600 px, no metadata), kept in seed/images/<name>/ and copied into the file store under
// images/demo/<name>/<width>.webp, the layout the shop's /api/images route serves.
const IMAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), "images");
const WIDTHS = [320, 480, 640, 960, 1280, 1600];

export type TDemoImageName = "northern-lights" | "hamlet";

/** The Event columns of a stored image. */
export interface TDemoImageFields {
  imageKey: string;
  imageWidth: number;
  imageHeight: number;
  imageColor: string;
  imagePlaceholder: string;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Copies a demo image's sizes into the file store (once; a file already there is kept) and returns the Event columns. */
export async function installDemoImage(fileStorageDir: string, name: TDemoImageName): Promise<TDemoImageFields> {
  const meta = JSON.parse(await readFile(join(IMAGES_DIR, name, "image.json"), "utf8")) as {
    width: number;
    height: number;
    color: string;
    placeholder: string;
  };
  const imageKey = `images/demo/${name}`;
  const target = join(fileStorageDir, "images", "demo", name);
  await mkdir(target, { recursive: true });
  for (const width of WIDTHS) {
    const path = join(target, `${width}.webp`);
    if (await exists(path)) continue;
    // Copy then rename: a reader never sees half a file.
    const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await copyFile(join(IMAGES_DIR, name, `${width}.webp`), temp);
    await rename(temp, path);
  }
  return { imageKey, imageWidth: meta.width, imageHeight: meta.height, imageColor: meta.color, imagePlaceholder: meta.placeholder };
}
