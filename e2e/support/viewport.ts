import { expect, type Locator, type Page } from "@playwright/test";

// What "reachable at phone and tablet widths" means, once for every spec (ux report #2, #10).

/** Phone, tablet and desktop, as the usability test used them. */
export const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 820, height: 1180 },
  { name: "desktop", width: 1440, height: 900 },
] as const;

/** Nothing on the page (header included) makes it scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `${what}: the page scrolls sideways (${scroll} > ${inner})`).toBeLessThanOrEqual(inner);
}

/** Visible, and wholly inside the viewport once scrolled to: not clipped, not inside a sideways scroller. */
export async function expectReachable(page: Page, target: Locator, what: string) {
  await expect(target, what).toBeVisible();
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  expect(box, `${what}: no box`).not.toBeNull();
  const inner = await page.evaluate(() => window.innerWidth);
  expect(box!.x, `${what}: starts left of the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: ends right of the screen (${Math.round(box!.x + box!.width)} > ${inner})`).toBeLessThanOrEqual(inner + 0.5);
}

/** Every element the selector matches is reachable (there is at least one). */
export async function expectAllReachable(page: Page, selector: string) {
  const items = page.locator(selector);
  const n = await items.count();
  expect(n, selector).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await expectReachable(page, items.nth(i), `${selector} #${i}`);
}

/** WCAG 2.5.3 (label in name): a control whose name is set must start with what it shows. */
export async function expectNamesStartWithVisibleText(page: Page, what: string) {
  const bad = await page.evaluate(() =>
    [...document.querySelectorAll("main button[aria-label], main a[aria-label]")]
      // biome-ignore lint/performance/useDomNodeTextContent: the words a person sees (innerText follows CSS), which is what an accessible name must start with
      .map((el) => ({ name: el.getAttribute("aria-label") ?? "", text: (el as HTMLElement).innerText.trim().replace(/…$/, "") }))
      .filter((x) => x.text && !x.name.toLowerCase().startsWith(x.text.toLowerCase())),
  );
  expect(bad, `${what}: names that do not start with the visible label`).toEqual([]);
}

/**
 * Open the phone/tablet header menu. A click that lands before the page has hydrated does nothing
 * (the server-rendered button has no handler yet), so click until the menu says it is open.
 */
export async function openNavMenu(page: Page) {
  const button = page.getByTestId("nav-menu-button");
  await expect(async () => {
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** From the home page, follow the header's main navigation to `link` (through the menu below 1280 px, where it folds). */
export async function navigateFromHeader(page: Page, width: number, link: RegExp) {
  await page.goto("/");
  if (width < 1280) await openNavMenu(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
}
