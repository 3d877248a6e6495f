// Opens the demo's pages in headless Chromium: the story list (with its dispute badges),
// then each story until one shows a dispute and statements on both sides (an affirmation
// and a denial) from more than one outlet; checks the dispute's sides face each other, the
// outlets stand side by side, the timeline renders with both kinds of points, and the page
// fits a phone's width. Saves screenshots under the given directory.
//
//   node story.mjs http://127.0.0.1:7878/ ../../target/e2e
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, outDir] = process.argv.slice(2);
if (!url || !outDir) {
  console.error('usage: node story.mjs URL OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

function check(ok, message) {
  if (!ok) {
    throw new Error(message);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // The machine's network is closed: without these, Chromium keeps trying to reach
  // Google's services and its connections are refused.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  check((await page.title()).includes('Parallax'), 'the story list has no Parallax title');
  const stories = await page.locator('ul.stories a.title').evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  check(stories.length > 0, 'the story list is empty');
  check(await page.locator('ul.stories .badge.dispute').count() > 0,
    'no story in the list carries a dispute badge');
  await page.screenshot({ path: join(outDir, 'stories.png'), fullPage: true });

  let found = null;
  for (const href of stories) {
    await page.goto(new URL(href, url).href);
    const outlets = await page.locator('section.outlet').count();
    const affirm = await page.locator('svg.timeline circle.point.affirm').count();
    const deny = await page.locator('svg.timeline circle.point.deny').count();
    const disputes = await page.locator('section.dispute').count();
    if (outlets >= 2 && affirm > 0 && deny > 0 && disputes > 0) {
      found = { href, outlets, affirm, deny };
      break;
    }
  }
  check(found, 'no story shows a dispute, and an affirmation and a denial from two outlets');

  // The dispute's two sides face each other: who affirms on the left, who denies on the
  // right, each with a statement.
  const dispute = page.locator('section.dispute').first();
  check(await dispute.locator('.side.affirm .statement').count() > 0, 'the dispute has no affirming side');
  check(await dispute.locator('.side.deny .statement').count() > 0, 'the dispute has no denying side');
  const sideTops = await dispute.locator('.side').evaluateAll(
    (sides) => sides.map((s) => Math.round(s.getBoundingClientRect().top)));
  check(sideTops.length === 2 && sideTops[0] === sideTops[1],
    `the dispute's sides do not face each other: ${sideTops}`);

  // The timeline is drawn: a visible SVG with a lane per outlet.
  const svg = page.locator('svg.timeline');
  check(await svg.isVisible(), 'the timeline is not visible');
  const box = await svg.boundingBox();
  check(box && box.width > 300 && box.height > 40, `the timeline is too small: ${JSON.stringify(box)}`);
  const lanes = await page.locator('svg.timeline line.lane').count();
  check(lanes >= 2, `the timeline has ${lanes} lanes`);
  // The outlets stand side by side on a laptop screen: two columns share a row.
  const tops = await page.locator('section.outlet').evaluateAll(
    (sections) => sections.map((s) => Math.round(s.getBoundingClientRect().top)));
  check(tops.length >= 2 && tops[0] === tops[1], `outlet columns are not side by side: ${tops}`);
  // Both sides can be read: a denial and an affirmation in the statement cards.
  check(await page.locator('.outlet .statement.deny').count() > 0, 'no denial card');
  check(await page.locator('.outlet .statement:not(.deny)').count() > 0, 'no affirmation card');
  await page.screenshot({ path: join(outDir, 'story.png'), fullPage: true });

  // A phone: one column, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the story page is ${overflow}px wider than a phone screen`);
  await page.screenshot({ path: join(outDir, 'story-phone.png'), fullPage: true });

  // An article page highlights its statements; the removed chrome opens on request.
  await page.setViewportSize({ width: 1280, height: 900 });
  const article = await page.locator('section.outlet li a').first().getAttribute('href');
  await page.goto(new URL(article, url).href);
  check(await page.locator('article .text mark').count() > 0, 'the article marks no statement');
  const chrome = page.locator('details').first();
  await chrome.locator('summary').click();
  check(await chrome.evaluate((d) => d.open), 'the removed chrome does not open');
  await page.screenshot({ path: join(outDir, 'article.png'), fullPage: true });

  console.log(`e2e: ${found.href}: ${found.outlets} outlets, ${found.affirm} affirming and ${found.deny} denying statements on the timeline; screenshots in ${outDir}`);
} finally {
  await browser.close();
}
