import fs from 'fs';
import path from 'path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

/** Where screenshots go (ignored by git), to be looked at. */
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '.tmp', 'screenshots');

const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));

/** axe-core's serious and critical violations in what `include` selects, as readable lines. */
async function graveViolations(page: Page, include: string[]) {
  // Nor should it measure a button in its hover colours, or a dialog half faded in.
  await page.mouse.move(0, 0);
  await settled(page);
  let builder = new AxeBuilder({ page: page as any });
  for (const selector of include) builder = builder.include(selector);
  const axe = await builder.analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).join(', ')})`);
}

/**
 * A screen as a person sees it: photographed at desktop width (as the page is) and at a
 * 390 px phone's, as `<prefix>-<name>.png` and `…-phone.png`, and checked by axe-core —
 * what `include` selects — with no serious or critical violation, at desktop width or
 * (`axeOnPhone`) at both.
 */
export async function screen(page: Page, prefix: string, name: string, { include = ['body'], axeOnPhone = false }: { include?: string[]; axeOnPhone?: boolean } = {}) {
  // scripts/test.js photographs and checks the screens on its first database only.
  if (process.env.TEST_SCREENS === 'skip') return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${prefix}-${name}.png`), fullPage: true });
  const found = { desktop: await graveViolations(page, include), phone: [] as string[] };
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${prefix}-${name}-phone.png`), fullPage: true });
  if (axeOnPhone) found.phone = await graveViolations(page, include);
  await page.setViewportSize(size);
  expect([name, found]).toEqual([name, { desktop: [], phone: [] }]);
}
