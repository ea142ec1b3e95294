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

const PHONE = { width: 390, height: 844 };

/** The page at 390x844: nothing scrolls sideways and axe finds nothing; then back to the desktop size. */
export async function checkOnPhone(page: Page, where: string, desktop = { width: 1280, height: 900 }): Promise<void> {
  await page.setViewportSize(PHONE);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page width of ${where} at 390`).toBeLessThanOrEqual(innerWidth);
  await expectNoAccessibilityViolations(page, where);
  await page.setViewportSize(desktop);
}
