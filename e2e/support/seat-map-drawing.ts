// The console's seat map editor as the specs drive it, and the seats as the editor and the shop's
// picker draw them: "Section|Row|Seat" keys with seat centres, so a spec can check that the shop
// shows exactly what the organiser drew.
import { type Page, expect } from "@playwright/test";

type TSeatCentres = Map<string, { x: number; y: number }>;

/** On the new-map page: two price zones (Front, Back); Stalls 2 rows of 6 with an aisle after seat 3 (Front); Circle 2 curved rows of 8, numbered right to left (Back). */
export async function drawStallsAndCircle(page: Page): Promise<void> {
  const zones = page.getByRole("group", { name: "Price zones" });
  await zones.getByLabel("Zone 1 name").fill("Front");
  await zones.getByRole("button", { name: "Add price zone" }).click();
  await zones.getByLabel("Zone 2 name").fill("Back");

  const stalls = page.getByRole("group", { name: "Section 1" });
  await expect(stalls.getByLabel("Name")).toHaveValue("Stalls");
  await stalls.getByLabel("Rows").fill("2");
  await stalls.getByLabel("Seats per row").fill("6");
  await stalls.getByLabel("Aisles after seat").fill("3");
  await expect(stalls.getByLabel("Price zone")).toHaveValue("Front");

  await page.getByRole("button", { name: "Add section" }).click();
  const circle = page.getByRole("group", { name: "Section 2" });
  await circle.getByLabel("Name").fill("Circle");
  await circle.getByLabel("Rows").fill("2");
  await circle.getByLabel("Seats per row").fill("8");
  await circle.getByLabel("Seat numbers").selectOption("rtl");
  await circle.getByLabel("Curve radius").fill("260");
  await circle.getByLabel("Price zone").selectOption("Back");
  await expect(page.getByText("28 seats in 2 sections · no problems")).toBeVisible();
}

/** Blocks Stalls A1 with a click on it and marks Circle A4 accessible through the keyboard form. */
export async function markBlockedAndAccessibleSeats(page: Page): Promise<void> {
  await page.getByRole("radio", { name: "Blocked seat" }).check();
  await page.locator('[data-seat="Stalls|A|1"]').click();
  await expect(page.locator('[data-seat="Stalls|A|1"]')).toHaveAttribute("data-blocked", "true");
  await page.getByRole("radio", { name: "Accessible seat" }).check();
  await page.getByLabel("Section", { exact: true }).selectOption({ label: "Circle" });
  await page.getByLabel("Row", { exact: true }).fill("A");
  await page.getByLabel("Seat", { exact: true }).fill("4");
  await page.getByRole("button", { name: "Apply to seat" }).click();
  await expect(page.locator('[data-seat="Circle|A|4"]')).toHaveAttribute("data-accessible", "true");
}

/** "Section|Row|Seat" -> seat centre in map units, as the editor draws it. */
export async function editorSeats(page: Page): Promise<TSeatCentres> {
  const seats = await page.locator("[data-seat]").evaluateAll((elements) =>
    elements.map((element) => {
      const circle = element.querySelector("circle")!;
      return [element.getAttribute("data-seat")!, { x: Number(circle.getAttribute("cx")), y: Number(circle.getAttribute("cy")) }] as const;
    }),
  );
  return new Map(seats);
}

/** The same from the shop's picker: its accessible names say section, row and seat. */
export async function shopSeats(page: Page): Promise<TSeatCentres> {
  const seats = await page.locator("#seat-map-svg [data-seat-id]").evaluateAll((elements) =>
    elements.map((element) => {
      const name = element.getAttribute("aria-label")!;
      const [, section, row, seat] = /^(.+), row (\w+), seat (\w+), /.exec(name)!;
      const hit = element.querySelector(".seat-hit")!;
      const x = Number(hit.getAttribute("x")) + Number(hit.getAttribute("width")) / 2;
      const y = Number(hit.getAttribute("y")) + Number(hit.getAttribute("height")) / 2;
      return [`${section}|${row}|${seat}`, { x, y }] as const;
    }),
  );
  return new Map(seats);
}

/** Positions relative to one reference seat: what "drawn the same" means whatever the offset. */
export const relativeTo = (seats: TSeatCentres, reference: string) => {
  const origin = seats.get(reference)!;
  return Object.fromEntries([...seats].map(([key, at]) => [key, [Math.round(at.x - origin.x), Math.round(at.y - origin.y)]]).sort());
};

/** Seats per "Section|Row", with their labels (sorted): the map's shape without positions. */
export const seatsPerRow = (seats: TSeatCentres) => {
  const rows: Record<string, string[]> = {};
  for (const key of [...seats.keys()].sort()) {
    const [section, row, seat] = key.split("|");
    (rows[`${section}|${row}`] ??= []).push(seat!);
  }
  return rows;
};
