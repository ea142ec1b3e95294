import { describe, expect, it } from "vitest";
import { ART_HEIGHT, ART_WIDTH, contrastRatio, initialsOf, MAX_HIGHLIGHT, MIN_TEXT_CONTRAST, placeholderArt } from "./placeholder-art.ts";

/** A #rrggbb colour under white at `opacity` (what the light shapes do to the background). */
const highlighted = (color: string, opacity: number) =>
  `#${[1, 3, 5]
    .map((index) => {
      const channel = Number.parseInt(color.slice(index, index + 2), 16);
      return Math.round(channel + (255 - channel) * opacity)
        .toString(16)
        .padStart(2, "0");
    })
    .join("")}`;

const event = (index: number, seatingMode: "RESERVED" | "GENERAL_ADMISSION" = "GENERAL_ADMISSION") => ({
  id: `0190a1b2-0000-7000-8000-${index.toString(16).padStart(12, "0")}`,
  name: `Event number ${index}`,
  seatingMode,
});

describe("placeholder art", () => {
  it("is deterministic per event and differs between events", () => {
    expect(placeholderArt(event(1))).toEqual(placeholderArt(event(1)));
    const backgrounds = new Set(Array.from({ length: 50 }, (_, index) => placeholderArt(event(index)).background.join()));
    expect(backgrounds.size).toBeGreaterThan(40);
  });

  it("keeps the initials at 4.5:1 or more against both background colours, bare and under the brightest shapes, for hundreds of events", () => {
    for (let index = 0; index < 500; index += 1) {
      const art = placeholderArt(event(index, index % 2 ? "RESERVED" : "GENERAL_ADMISSION"));
      for (const color of art.background) {
        expect(contrastRatio(art.textColor, color)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
        expect(contrastRatio(art.textColor, highlighted(color, MAX_HIGHLIGHT))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      }
      // No shape is brighter than the highlight the check allows for.
      for (const shape of art.shapes) expect(shape.opacity).toBeLessThanOrEqual(MAX_HIGHLIGHT);
      expect(art.textContrast).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it("draws the motif of the event's kind, inside the canvas", () => {
    const seated = placeholderArt(event(7, "RESERVED"));
    const standing = placeholderArt(event(7, "GENERAL_ADMISSION"));
    expect(seated.motif).toBe("seat-rows");
    expect(standing.motif).toBe("stage-lights");
    for (const art of [seated, standing]) {
      expect(art.shapes.length).toBeGreaterThan(10);
      for (const shape of art.shapes) {
        expect(shape.fill).toMatch(/^#[0-9a-f]{6}$/);
        if (shape.kind === "circle") expect(shape.cx! + shape.r!).toBeGreaterThan(0);
        if (shape.kind === "circle") expect(shape.cx! - shape.r!).toBeLessThan(ART_WIDTH);
        if (shape.kind === "circle") expect(shape.cy! - shape.r!).toBeLessThan(ART_HEIGHT);
      }
    }
  });

  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#123456", "#123456")).toBe(1);
  });

  it("takes initials from the first two words of any script, skipping leading articles", () => {
    expect(initialsOf("Northern Lights — Live at Riverside")).toBe("NL");
    expect(initialsOf("Hamlet")).toBe("H");
    expect(initialsOf("The Midnight Drop")).toBe("MD");
    expect(initialsOf("über 18: Ödön")).toBe("Ü1");
    expect(initialsOf("— !!")).toBe("★");
  });
});
