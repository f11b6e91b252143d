/**
 * The system's Chromium for the browser tests (never a download): PLENARY_CHROMIUM names it, else
 * /usr/bin/chromium — the same rule scripts/test-e2e.mjs checks before running these tests.
 */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.PLENARY_CHROMIUM ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
