import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleEventImage } from "../../http/event-image-http.ts";
import { useHarness } from "../../testing/harness.ts";
import type { FileStore } from "../files/file-store.ts";
import { createLocalFileStore } from "../files/local-file-store.ts";
import { EVENT_IMAGE_WIDTHS, MAX_EVENT_IMAGE_BYTES } from "./event-image-files.ts";
import { setEventImage } from "./set-event-image.ts";
import { sniffImageType } from "./store-event-image.ts";

const h = useHarness();
let root: string;
let files: FileStore;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "marquee-images-"));
  files = createLocalFileStore(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A real photo-like JPEG: a gradient 2400x1200, stored sideways (EXIF orientation 6) with GPS in its EXIF. */
async function sidewaysJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="2400"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c2410c"/><stop offset="1" stop-color="#1e3a8a"/></linearGradient></defs><rect width="1200" height="2400" fill="url(#g)"/></svg>`;
  return sharp(Buffer.from(svg))
    .jpeg({ quality: 80 })
    .withExif({ IFD0: { Artist: "Jane Photographer" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 31/1 0/1" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const actor = { kind: "system", userId: null, ip: null } as const;
const get = (pathname: string, ifNoneMatch: string | null = null) => handleEventImage({ files }, { method: "GET", pathname, ifNoneMatch });

describe("event images: upload, sizes and the image route", () => {
  it("stores an upload upright, without metadata, in every size, and the event API returns it", async () => {
    const { organization, event } = await h.make.gaEvent();
    const upload = await sidewaysJpeg();
    expect(await sharp(upload).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });

    const stored = await setEventImage(
      { db: h.db, files },
      { organizationId: organization.id, eventId: event.id, bytes: upload, alt: "  The stage at dusk ", actor },
    );
    // Turned upright by its EXIF orientation: the 1200x2400 sideways bitmap is 2400x1200, capped at 1600 wide.
    expect(stored).toMatchObject({ imageKey: expect.stringMatching(`^images/events/${organization.id}/[0-9a-f]{24}$`), width: 1600, height: 800 });
    expect(stored.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(stored.placeholder).toMatch(/^data:image\/webp;base64,/);

    const caller = await h.callerAs(null);
    const publicEvent = await caller.event.get({ idOrSlug: event.slug });
    expect(publicEvent.image).toMatchObject({
      width: 1600,
      height: 800,
      alt: "The stage at dusk",
      altLanguage: "en",
      color: stored.color,
      placeholder: stored.placeholder,
    });
    expect(publicEvent.imageUrl).toBe(publicEvent.image!.url);
    const srcSet = publicEvent.image!.srcSet.split(", ");
    expect(srcSet).toHaveLength(EVENT_IMAGE_WIDTHS.length);
    expect(srcSet.at(-1)).toBe(`${publicEvent.image!.url} 1600w`);

    for (const entry of srcSet) {
      const [url, descriptor] = entry.split(" ");
      const response = await get(url!);
      expect(response.status).toBe(200);
      expect(response.headers).toMatchObject({
        "content-type": "image/webp",
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      });
      const meta = await sharp(response.body as Buffer).metadata();
      expect(meta.format).toBe("webp");
      expect(`${meta.width}w`).toBe(descriptor);
      expect(meta.height).toBe(meta.width! / 2);
      // No EXIF (GPS, artist), XMP, IPTC or ICC block survives.
      expect([meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([undefined, undefined, undefined, undefined]);
    }
    // Its venue's name is unique (the factories'); the event's name is shared with other tests' events.
    const venue = await h.db.venue.findUniqueOrThrow({ where: { id: event.venueId } });
    const listed = await caller.event.list({ search: venue.name, limit: 50 });
    expect(listed.find((row) => row.id === event.id)?.image).toEqual(publicEvent.image);

    const first = await get(publicEvent.image!.url);
    const revalidated = await get(publicEvent.image!.url, first.headers.etag!);
    expect(revalidated).toMatchObject({ status: 304, body: null });
  });

  it("refuses other types by their bytes, oversized and undecodable uploads, and other organisations' events, storing nothing", async () => {
    const { organization, event } = await h.make.gaEvent();
    const other = await h.make.gaEvent();
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#0f766e" } })
      .png()
      .toBuffer();
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><script>alert(1)</script></svg>`);
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00", "latin1");
    const cases: [Uint8Array, string, string][] = [
      [svg, organization.id, "UNSUPPORTED_MEDIA_TYPE"],
      [gif, organization.id, "UNSUPPORTED_MEDIA_TYPE"],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(64, 7)]), organization.id, "VALIDATION_ERROR"],
      [Buffer.concat([png, Buffer.alloc(MAX_EVENT_IMAGE_BYTES)]), organization.id, "PAYLOAD_TOO_LARGE"],
      [
        await sharp({ create: { width: 120, height: 80, channels: 3, background: "#000" } })
          .png()
          .toBuffer(),
        organization.id,
        "VALIDATION_ERROR",
      ],
      [png, other.organization.id, "NOT_FOUND"],
    ];
    for (const [bytes, organizationId, code] of cases) {
      await expect(setEventImage({ db: h.db, files }, { organizationId, eventId: event.id, bytes, alt: "The stage", actor })).rejects.toMatchObject({ code });
    }
    expect(await h.db.event.findUniqueOrThrow({ where: { id: event.id }, select: { imageKey: true } })).toEqual({ imageKey: null });
    expect(sniffImageType(png)).toBe("png");
    const caller = await h.callerAs(null);
    expect((await caller.event.get({ idOrSlug: event.id })).image).toBeNull();
  });

  it("serves only image sizes: other keys in the store (invoices), traversal and odd paths are 404", async () => {
    await files.put("invoices/org/x.pdf", Buffer.from("%PDF-1.4"), "application/pdf");
    await files.put("images/odd/file.pdf", Buffer.from("%PDF-1.4"), "application/pdf");
    for (const path of [
      "/api/images/../invoices/org/x.pdf",
      "/api/images/%2e%2e/invoices/org/x.pdf",
      "/api/images/odd/file.pdf",
      "/api/images/events/none/640.webp",
      "/api/images//640.webp",
      "/api/documents/x",
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.body as string)).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
    expect((await handleEventImage({ files }, { method: "POST", pathname: "/api/images/a/640.webp", ifNoneMatch: null })).status).toBe(405);
  });
});
