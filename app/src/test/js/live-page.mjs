// Drives the aggregate app's live page in headless Chromium for LivePageIT.
//
//   node live-page.mjs PAGE_URL SCREENSHOT_DIR
//
// Talks to the test over lines of JSON:
//   out {"event":"loaded", ...snapshot}   once the page has polled and the theme and outlet panels
//                                          show counts
//   in  {"articles": N, "latestOutlet": O}  the test fed more articles: wait until the page counts N
//                                          and lists an article from outlet O
//   out {"event":"updated", ...snapshot}  (screenshot desktop-first-copy.png)
//   in  {"articles": N, "latest": [ids], "story": ID, "entity": {"facet", "key"}}
//                                          after a burst: wait for N, for the latest-articles list
//                                          to show exactly those ids, then open the story view and
//                                          the entity view, at 1400 px and at 390 px
//   out {"event":"views", latest, story, entity, phone, screenshots, outside, scriptErrors}
//   out {"event":"error","message":...}   on any failure (exit code 1, screenshot taken if it can)
//
// A snapshot is what the page shows, read off the DOM: the figures' values, each panel's state and
// items, the latest articles, the story view's originals with the copies listed under each, the
// entity view's chart and stories, whether the page is wider than the window, and any request
// that left 127.0.0.1 or any script error.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, shots] = process.argv.slice(2);
if (!url || !shots) {
  console.error('usage: node live-page.mjs PAGE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.LIVE_PAGE_TIMEOUT_MS || 60000);
const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };

const send = (event, data = {}) => process.stdout.write(JSON.stringify({ event, ...data }) + '\n');

const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function nextInstruction() {
  const { value, done } = await stdinLines.next();
  if (done) {
    throw new Error('the test closed stdin before saying what it fed');
  }
  return JSON.parse(value);
}

mkdirSync(shots, { recursive: true });
const screenshots = [];
async function shoot(page, name) {
  const path = join(shots, name + '.png');
  await page.screenshot({ path, fullPage: true });
  screenshots.push(path);
  return path;
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
    viewport: DESKTOP,
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

  const first = await nextInstruction();
  await waitForArticles(page, first.articles);
  if (first.latestOutlet) {
    await page.waitForFunction(
      (outlet) =>
        Array.from(document.querySelectorAll('#latest .article .outlet')).some((o) => o.textContent === outlet),
      first.latestOutlet,
      { timeout: TIMEOUT_MS }
    );
  }
  await shoot(page, 'desktop-first-copy');
  send('updated', await snapshot(page));

  const burst = await nextInstruction();
  await waitForArticles(page, burst.articles);
  const latestIds = burst.latest;
  await page.waitForFunction(
    (ids) =>
      JSON.stringify(Array.from(document.querySelectorAll('#latest .article')).map((r) => r.dataset.id)) ===
      JSON.stringify(ids),
    latestIds,
    { timeout: TIMEOUT_MS }
  );
  // The history chart is read from the stores on load and every few polls.
  await page.waitForFunction(() => Number(document.getElementById('chart').dataset.points) > 0, null, {
    timeout: TIMEOUT_MS,
  });
  const latest = await snapshot(page);
  const views = { latest, screenshots: {} };
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => (location.hash = ''));
    await page.waitForFunction(() => document.body.dataset.view === 'overview');
    await page.waitForTimeout(300);
    const overview = await snapshot(page);
    views.screenshots[name + '-live'] = await shoot(page, name + '-live');

    await page.evaluate((id) => (location.hash = 'story=' + encodeURIComponent(id)), burst.story);
    await page.waitForFunction(
      (id) => {
        const v = document.getElementById('story-view');
        return v.dataset.state === 'data' && v.dataset.storyId === id;
      },
      burst.story,
      { timeout: TIMEOUT_MS }
    );
    const story = await snapshot(page);
    views.screenshots[name + '-story'] = await shoot(page, name + '-story');

    const { facet, key } = burst.entity;
    await page.evaluate(([f, k]) => (location.hash = new URLSearchParams({ facet: f, key: k }).toString()), [facet, key]);
    await page.waitForFunction(
      () => {
        const v = document.getElementById('entity-view');
        return v.dataset.state === 'data' && Number(v.dataset.points) > 0;
      },
      null,
      { timeout: TIMEOUT_MS }
    );
    const entity = await snapshot(page);
    views.screenshots[name + '-entity'] = await shoot(page, name + '-entity');
    views[name] = { overview, story, entity };
  }
  await browser.close();
  send('views', { ...views, outside: [...outside], scriptErrors: [...scriptErrors] });
  process.exitCode = 0;
} catch (error) {
  send('error', { message: String(error && error.stack ? error.stack : error), outside, scriptErrors });
  if (page) {
    await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
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

async function waitForArticles(page, n) {
  // Two polls at least, so that the throughput has a span to measure.
  await page.waitForFunction(
    (count) => Number(document.getElementById('articles').dataset.value) >= count && Number(document.body.dataset.polls) >= 2,
    n,
    { timeout: TIMEOUT_MS }
  );
}

async function snapshot(page) {
  const shown = await page.evaluate(() => {
    const figure = (id) => {
      const el = document.getElementById(id);
      return { value: el.dataset.value === '' ? null : Number(el.dataset.value), text: el.textContent };
    };
    const visible = (el) => el !== null && el.getBoundingClientRect().height > 0;
    const panels = {};
    for (const panel of document.querySelectorAll('.panel')) {
      panels[panel.dataset.facet] = {
        title: panel.querySelector('h2').textContent,
        state: panel.dataset.state,
        visible: visible(panel),
        emptyText: panel.querySelector('.empty').textContent,
        emptyVisible: getComputedStyle(panel.querySelector('.empty')).display !== 'none',
        items: Array.from(panel.querySelectorAll('.items .item')).map((row) => ({
          key: row.querySelector('.key').textContent,
          mentions: Number(row.dataset.mentions),
          stories: Number(row.dataset.stories),
          link: row.querySelector('.key').getAttribute('href'),
        })),
      };
    }
    const latest = Array.from(document.querySelectorAll('#latest .article')).map((row) => ({
      id: row.dataset.id,
      verdict: row.dataset.verdict,
      story: row.dataset.story,
      outlet: row.querySelector('.outlet').textContent,
      language: row.querySelector('.lang')?.textContent ?? null,
      verdictText: row.querySelector('.verdict').textContent,
      title: row.querySelector('.title').textContent,
      original: row.querySelector('.original')?.getAttribute('href') ?? null,
      chips: Array.from(row.querySelectorAll('.chip')).map((c) => c.textContent),
      visible: visible(row),
    }));
    const storyView = document.getElementById('story-view');
    const story = {
      visible: visible(storyView),
      state: storyView.dataset.state,
      id: storyView.dataset.storyId,
      title: storyView.querySelector('.story-title').textContent,
      meta: storyView.querySelector('.story-meta').textContent,
      lanes: Array.from(storyView.querySelectorAll('.lane')).map((l) => ({
        outlet: l.querySelector('.lane-name').textContent,
        dots: l.querySelectorAll('.dot').length,
      })),
      originals: Array.from(storyView.querySelectorAll('.story-articles > li.original')).map((o) => ({
        id: o.dataset.id,
        outlet: o.querySelector('.outlet').textContent,
        copies: Array.from(o.querySelectorAll('.copies > li.copy')).map((c) => ({
          id: c.dataset.id,
          original: c.dataset.original ?? null,
          verdict: c.querySelector('.verdict').textContent,
          outlet: c.querySelector('.outlet').textContent,
        })),
      })),
      orphans: Array.from(storyView.querySelectorAll('.story-articles > li.orphans li.copy')).map((c) => c.dataset.id),
    };
    const entityView = document.getElementById('entity-view');
    const entity = {
      visible: visible(entityView),
      state: entityView.dataset.state,
      name: entityView.querySelector('.entity-name').textContent,
      counts: entityView.querySelector('.entity-counts').textContent,
      points: Number(entityView.dataset.points || 0),
      chart: entityView.querySelector('#entity-chart .uplot canvas') !== null,
      stories: Array.from(entityView.querySelectorAll('.entity-stories > li')).map((s) => s.dataset.id),
    };
    return {
      view: document.body.dataset.view,
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
      chartPoints: Number(document.getElementById('chart').dataset.points || 0),
      panels,
      latest,
      story,
      entity,
      width: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
  return { ...shown, outside: [...outside], scriptErrors: [...scriptErrors] };
}
