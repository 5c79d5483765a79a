import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium as every browser test runs it; throws (never skips) when it is missing. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Collects console errors and page errors; a browser test fails when any appear. */
export function watchConsole(page: Page, errors: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
}

const axeSource = readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core on the current page: no violations at all (WCAG 2.1 A/AA and best practice). */
export async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    return (await axe.run()).violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  expect(violations, page.url()).toEqual([]);
}

/** Serves the pages whose address matches `url` without their meta refresh (the no-JavaScript fallback): only the page's scripts can move it on. */
export async function withoutMetaRefresh(page: Page, url: RegExp): Promise<void> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '') });
  });
}

/** Keeps, across reloads, the last text a script wrote into `selector`; the function returned reads it. */
export async function keepLastText(page: Page, selector: string): Promise<() => Promise<string | null>> {
  await page.addInitScript((watched) => {
    new MutationObserver(() => {
      const el = document.querySelector(watched);
      if (el) sessionStorage.setItem(`lastText:${watched}`, el.textContent ?? '');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, selector);
  return () => page.evaluate((watched) => sessionStorage.getItem(`lastText:${watched}`), selector);
}
