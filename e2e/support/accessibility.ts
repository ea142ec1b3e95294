// WCAG 2.2 A/AA checks with axe-core on the page as it is now: labels, names, contrast, landmarks,
// ARIA use. axe finds what a machine can; keyboard use is covered by the specs themselves.
import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

export async function expectNoAccessibilityViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(" "))
        .slice(0, 3)
        .join("; ")}`,
  );
  expect(found, `accessibility violations on ${where}`).toEqual([]);
}

/** At 390 px: no sideways scroll and axe clean; then back to a desktop width. */
export async function expectPhoneFriendly(page: Page, where: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${where}: no sideways scroll`).toBe(true);
  await expectNoAccessibilityViolations(page, where);
  await page.setViewportSize({ width: 1280, height: 800 });
}
