// Drives the aggregate app's live page in headless Chromium for LivePageIT.
//
//   node live-page.mjs PAGE_URL SCREENSHOT_PNG
//
// Talks to the test over lines of JSON:
//   out {"event":"loaded", ...snapshot}   once the page has polled and the theme and outlet panels
//                                          show counts
//   in  {"articles": N}                     the test fed more articles: wait until the page counts N
//   out {"event":"updated", ...snapshot}  then takes the screenshot
//   out {"event":"error","message":...}   on any failure (exit code 1, screenshot taken if it can)
//
// A snapshot is what the page shows: the figures' values, each panel's state and items, the
// status line, whether the chart is drawn, and any request that left 127.0.0.1 or any script error.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, screenshot] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node live-page.mjs PAGE_URL SCREENSHOT_PNG');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.LIVE_PAGE_TIMEOUT_MS || 60000);

const send = (event, data = {}) => process.stdout.write(JSON.stringify({ event, ...data }) + '\n');

const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function nextInstruction() {
  const { value, done } = await stdinLines.next();
  if (done) {
    throw new Error('the test closed stdin before saying what it fed');
  }
  return JSON.parse(value);
}

const profile = mkdtempSync(join(tmpdir(), 'newsflow-chromium-'));
const outside = [];
const scriptErrors = [];
let browser;
let page;
try {
  // A persistent context is how Playwright takes a --user-data-dir: a fresh, empty one here.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    // The machine's flags for Chromium: no sandbox (root in CI), no GPU, and no background
    // traffic to Google's hosts, which a closed network refuses.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (!['127.0.0.1', 'localhost'].includes(host) && !request.url().startsWith('data:')) {
      outside.push(request.url());
    }
  });
  page.on('pageerror', (error) => scriptErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (400|503)/.test(message.text())) {
      scriptErrors.push(message.text());
    }
  });

  await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.waitForFunction(
    () =>
      Number(document.body.dataset.polls) >= 1 &&
      ['theme', 'outlet'].every(
        (f) => document.querySelector(`.panel[data-facet="${f}"]`)?.dataset.state === 'data'
      ),
    null,
    { timeout: TIMEOUT_MS }
  );
  send('loaded', await snapshot(page));

  const { articles } = await nextInstruction();
  // Two polls at least, so that the chart has a segment to draw.
  await page.waitForFunction(
    (n) =>
      Number(document.getElementById('articles').dataset.value) >= n &&
      document.querySelector('#chart .uplot') !== null,
    articles,
    { timeout: TIMEOUT_MS }
  );
  await page.screenshot({ path: screenshot, fullPage: true });
  send('updated', await snapshot(page));
  await browser.close();
  process.exitCode = 0;
} catch (error) {
  send('error', { message: String(error && error.stack ? error.stack : error), outside, scriptErrors });
  if (page) {
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
  }
  if (browser) {
    await browser.close().catch(() => {});
  }
  process.exitCode = 1;
} finally {
  rmSync(profile, { recursive: true, force: true });
  stdinLines.return?.();
  process.stdin.destroy();
}

async function snapshot(page) {
  const shown = await page.evaluate(() => {
    const figure = (id) => {
      const el = document.getElementById(id);
      return { value: el.dataset.value === '' ? null : Number(el.dataset.value), text: el.textContent };
    };
    const panels = {};
    for (const panel of document.querySelectorAll('.panel')) {
      panels[panel.dataset.facet] = {
        title: panel.querySelector('h2').textContent,
        state: panel.dataset.state,
        visible: panel.getBoundingClientRect().height > 0,
        emptyText: panel.querySelector('.empty').textContent,
        emptyVisible: getComputedStyle(panel.querySelector('.empty')).display !== 'none',
        items: Array.from(panel.querySelectorAll('.items .item')).map((row) => ({
          key: row.querySelector('.key').textContent,
          mentions: Number(row.dataset.mentions),
          stories: Number(row.dataset.stories),
        })),
      };
    }
    return {
      polls: Number(document.body.dataset.polls),
      status: document.getElementById('status-text').textContent,
      statusState: document.getElementById('status').dataset.state,
      figures: {
        articles: figure('articles'),
        stories: figure('stories'),
        copies: figure('copies'),
        dedupRate: figure('dedup-rate'),
        throughput: figure('throughput'),
      },
      chart: document.querySelector('#chart .uplot canvas') !== null,
      panels,
    };
  });
  return { ...shown, outside: [...outside], scriptErrors: [...scriptErrors] };
}
