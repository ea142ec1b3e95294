import { PNG } from "pngjs";

// The pass's icon and logo, drawn here in the organiser's colours (no image files to ship or
// keep in sync): a ticket with a notch on each side, on a rounded square for the icon and on a
// transparent ground for the logo (Wallet draws the logo on the pass's own background).

type TRgb = [number, number, number];

const parseHex = (hex: string): TRgb => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];

/** Whether the point (in 0..1 units) lies on the ticket glyph. */
function onTicket(x: number, y: number): boolean {
  const [left, right, top, bottom] = [0.16, 0.84, 0.28, 0.72];
  if (x < left || x > right || y < top || y > bottom) return false;
  // Notches: half circles cut into the middle of both short sides.
  const notch = 0.09;
  if ((x - left) ** 2 + (y - 0.5) ** 2 < notch ** 2 || (x - right) ** 2 + (y - 0.5) ** 2 < notch ** 2) return false;
  // The tear line: a gap of dots a third of the way along.
  const tearX = left + (right - left) * 0.68;
  return !(Math.abs(x - tearX) < 0.012 && Math.floor(y * 30) % 2 === 0);
}

/** Whether the point lies on the icon's rounded square. */
function onRoundedSquare(x: number, y: number): boolean {
  const radius = 0.22;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function draw(size: number, colours: { ground: TRgb | null; glyph: TRgb }): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4; // 4x4 supersampling for smooth edges.
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let glyph = 0;
      let ground = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (onTicket(x, y)) glyph++;
          else if (colours.ground && onRoundedSquare(x, y)) ground++;
        }
      }
      const total = samples * samples;
      const covered = glyph + ground;
      const index = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const value = covered === 0 ? 0 : (glyph * colours.glyph[channel]! + ground * (colours.ground?.[channel] ?? 0)) / covered;
        png.data[index + channel] = Math.round(value);
      }
      png.data[index + 3] = Math.round((covered / total) * 255);
    }
  }
  return PNG.sync.write(png);
}

const cache = new Map<string, Record<string, Buffer>>();

/** icon.png (29 pt, @2x, @3x) and logo.png (50 pt, @2x, @3x) in the given colours ("#rrggbb"). */
export function passImages(background: string, foreground: string): Record<string, Buffer> {
  const key = `${background}${foreground}`;
  let images = cache.get(key);
  if (!images) {
    const icon = { ground: parseHex(background), glyph: parseHex(foreground) };
    const logo = { ground: null, glyph: parseHex(foreground) };
    images = {
      "icon.png": draw(29, icon),
      "icon@2x.png": draw(58, icon),
      "icon@3x.png": draw(87, icon),
      "logo.png": draw(50, logo),
      "logo@2x.png": draw(100, logo),
      "logo@3x.png": draw(150, logo),
    };
    if (cache.size > 64) cache.clear();
    cache.set(key, images);
  }
  return images;
}
