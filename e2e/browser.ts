/**
 * What the browser tests share: the system's Chromium (never a download: PLENARY_CHROMIUM names it, else
 * /usr/bin/chromium — the same rule scripts/test-e2e.mjs checks before running these tests), the
 * screen sizes they use, and axe-core's accessibility check.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

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

/** A desktop screen and a phone's (an iPhone 12–15 in CSS pixels). */
export const SIZES = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious or critical accessibility violations axe-core finds on the page. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate() runs outside the page's CSP, so axe needs no inline script on the page.
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe.run({ resultTypes: ["violations"] });
    return result.violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
