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

/**
 * Reflow (WCAG 1.4.10) and axe at 390x844: nothing scrolls sideways and axe finds nothing; `atPhone`
 * runs while the page is that size (a screenshot). Then the page goes back to its own size.
 */
export async function checkAtPhoneWidth(page: Page, where: string, atPhone?: () => Promise<void>): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page width of ${where} at 390`).toBeLessThanOrEqual(innerWidth);
  await expectNoAccessibilityViolations(page, `${where} at 390`);
  await atPhone?.();
  if (before) await page.setViewportSize(before);
}
