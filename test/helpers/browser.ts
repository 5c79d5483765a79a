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
