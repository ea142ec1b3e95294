import { describe, expect, it } from "vitest";
import { MAP_MARGIN, fitMapToContent } from "~/components/seat-map/seat-map-geometry.ts";

describe("fitMapToContent", () => {
  it("moves a small map out of the corner of a big canvas and sizes the view to its sections", () => {
    const map = {
      width: 1000,
      height: 800,
      seats: [
        { id: "a", x: 40, y: 60 },
        { id: "b", x: 66, y: 60 },
      ],
      sections: [
        { id: "s1", shape: { x: 20, y: 40, width: 80, height: 40 } },
        { id: "s2", shape: { points: [[30, 90] as [number, number], [90, 120] as [number, number]] } },
      ],
    };
    const fitted = fitMapToContent(map);
    expect(fitted.width).toBe(80 + 2 * MAP_MARGIN.side);
    expect(fitted.height).toBe(80 + MAP_MARGIN.top + MAP_MARGIN.bottom);
    expect(fitted.sections[0]!.shape).toEqual({ x: MAP_MARGIN.side, y: MAP_MARGIN.top, width: 80, height: 40 });
    expect(fitted.sections[1]!.shape).toEqual({
      points: [
        [MAP_MARGIN.side + 10, MAP_MARGIN.top + 50],
        [MAP_MARGIN.side + 70, MAP_MARGIN.top + 80],
      ],
    });
    // Seats keep their places relative to each other and to the outlines.
    expect(fitted.seats.map((seat) => [seat.x - fitted.seats[0]!.x, seat.y])).toEqual([
      [0, MAP_MARGIN.top + 20],
      [26, MAP_MARGIN.top + 20],
    ]);
  });

  it("leaves a map without seats or outlines alone", () => {
    const empty = { width: 500, height: 400, seats: [], sections: [{ id: "s", shape: null }] };
    expect(fitMapToContent(empty)).toBe(empty);
  });
});
