// Browser test of the marsad web UI against a running `marsad serve`.
//
//   BASE_URL=http://127.0.0.1:PORT OUT_DIR=target/browser-artifacts node ui.test.mjs
//
// Optional: CHROMIUM (default /usr/bin/chromium), ESCAPE_ARTICLE_ID (an article whose
// text holds <script>/<img onerror> markup; default t-005, skipped if absent).
// Walks search -> article -> entity, loads the map and the timeline, checks what each
// page shows, saves a screenshot of each page and ends with "N passed, N failed".
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const OUT = process.env.OUT_DIR || 'target/browser-artifacts';
const EXE = process.env.CHROMIUM || '/usr/bin/chromium';
const ESCAPE_ID = process.env.ESCAPE_ARTICLE_ID || 't-005';
const baseHost = new URL(BASE).host;

let passed = 0;
let failed = 0;
function check(cond, what) {
  if (cond) {
    passed += 1;
    console.log('ok   ' + what);
  } else {
    failed += 1;
    console.log('FAIL ' + what);
  }
}

async function apiGet(p) {
  const res = await fetch(BASE + '/api/' + p);
  if (!res.ok) throw new Error(p + ': HTTP ' + res.status);
  return res.json();
}

fs.mkdirSync(OUT, { recursive: true });
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: EXE,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1366, height: 900 },
  locale: 'ar',
});

const problems = [];
const offsite = [];
// Nothing may be fetched from anywhere but the server under test.
await context.route('**/*', (route) => {
  const u = new URL(route.request().url());
  if (u.protocol === 'data:' || u.host === baseHost) return route.continue();
  offsite.push(u.href);
  return route.abort();
});
const page = context.pages()[0] || (await context.newPage());
page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
page.on('dialog', async (d) => { problems.push('dialog opened: ' + d.message()); await d.dismiss(); });
page.setDefaultTimeout(15000);

async function shot(name) {
  const file = path.join(OUT, name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log('     screenshot ' + file);
}

async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(false, name + ': ' + e.message.split('\n')[0]);
    try { await shot(name + '-failed'); } catch (_) { /* ignore */ }
  }
}

try {
  // Pick a query that must hit: the Arabic name of the most mentioned entity.
  const top = await apiGet('graph?limit=5');
  const focus = top.nodes[0];
  check(Boolean(focus), 'corpus has entities (graph)');
  const query = focus ? focus.name_ar : 'سوريا';

  await step('search', async () => {
    await page.goto(BASE + '/');
    await page.waitForSelector('input[type=search]');
    check((await page.getAttribute('html', 'dir')) === 'rtl', 'page is right-to-left');
    await page.fill('input[type=search]', query);
    await page.press('input[type=search]', 'Enter');
    await page.waitForSelector('.hit');
    const hits = await page.locator('.hit').count();
    check(hits > 0, `search for «${query}» lists results (${hits})`);
    check((await page.locator('.snippet mark').count()) > 0, 'snippets highlight the words searched');
    check((await page.locator('.facet').count()) > 0, 'facets are shown');
    await shot('search');
  });

  let articleId = null;
  await step('article', async () => {
    const href = await page.locator('.hit-title').first().getAttribute('href');
    articleId = decodeURIComponent(href.replace(/^\/article\//, ''));
    await page.locator('.hit-title').first().click();
    await page.waitForSelector('.article-text');
    const doc = await apiGet('articles/' + encodeURIComponent(articleId));
    const shown = await page.locator('.article-text').textContent();
    check(shown === doc.text, 'reader shows the article text exactly');
    check((await page.locator('.reader').getAttribute('dir')) === 'rtl', 'reader is dir=rtl');
    const ents = await page.locator('.article-text a.ent').count();
    check(ents > 0 || doc.entities.length === 0, `entities highlighted (${ents})`);
    // Each highlighted mention is the text at its offsets.
    const mentions = await page.locator('.article-text a.ent').evaluateAll((as) => as.map((a) => a.textContent));
    const cps = Array.from(doc.text);
    const spans = new Set(doc.entities.flatMap((e) => e.mentions.map((m) => cps.slice(m.start, m.end).join(''))));
    check(mentions.every((t) => spans.has(t) || [...spans].some((s) => s.includes(t))), 'highlights sit on mention offsets');
    check((await page.locator('.facts h2').textContent()).includes('Extracted facts'), 'English facts panel');
    check((await page.locator('.fact-entity').count()) === doc.entities.length, 'panel lists every entity');
    check((await page.locator('.article-text .quote').count() > 0) === (doc.quotes.length > 0), 'quotes highlighted');
    await shot('article');
  });

  await step('entity', async () => {
    const link = page.locator('.article-text a.ent').first();
    const id = await link.getAttribute('data-entity');
    await link.click();
    await page.waitForSelector('.entity-head h1');
    await page.waitForSelector('.chart, .entity-grid .status');
    await page.waitForSelector('.graph, .entity-grid .card:nth-child(2) .status');
    const prof = await apiGet('entities/' + encodeURIComponent(id));
    check((await page.locator('.entity-head h1').textContent()).includes(prof.name_ar), `entity page of ${id}`);
    check((await page.locator('.name-en').textContent()).includes(prof.name_en), 'English name shown');
    check((await page.locator('.chart').count()) === 1, 'mentions-over-time chart drawn');
    check((await page.locator('.graph .node').count()) >= 1, 'co-occurrence graph drawn');
    await page.waitForFunction(() => !document.querySelector('.entity-grid .status:not(.error)') ||
      document.querySelectorAll('.entity-grid .card').length === 4);
    await shot('entity');
  });

  await step('map', async () => {
    await page.goto(BASE + '/map');
    await page.waitForSelector('body[data-ready="map"]');
    const countries = await page.locator('.leaflet-overlay-pane path').count();
    const places = (await apiGet('places.geojson')).features.length;
    check(countries > 100 + places - 1, `country shapes drawn offline (${countries - places} + ${places} markers)`);
    check((await page.locator('.place-list li').count()) === places, `places listed (${places})`);
    check((await page.locator('.leaflet-tile').count()) === 0, 'no tile server used');
    await shot('map');
  });

  await step('timeline', async () => {
    await page.goto(BASE + '/timeline');
    await page.waitForSelector('.timeline .count');
    const n = await page.locator('.event-item').count();
    check(n > 0, `timeline lists events (${n})`);
    await shot('timeline');
    if (n > 0) {
      const t = await page.locator('.event-item .badge.ev').first().getAttribute('title');
      await page.selectOption('select[name=type]', t);
      await Promise.all([page.waitForURL(/type=/), page.click('.filters button')]);
      await page.waitForSelector('.timeline .count');
      const types = await page.locator('.event-item .badge.ev').evaluateAll((bs) => bs.map((b) => b.title));
      check(types.length > 0 && types.every((x) => x === t), `filter by type ${t}`);
      await shot('timeline-filtered');
    }
  });

  await step('escaping', async () => {
    const res = await fetch(BASE + '/api/articles/' + encodeURIComponent(ESCAPE_ID));
    if (res.status === 404) { console.log('     (no article ' + ESCAPE_ID + '; escaping check skipped)'); return; }
    const doc = await res.json();
    await page.goto(BASE + '/article/' + encodeURIComponent(ESCAPE_ID));
    await page.waitForSelector('.article-text');
    check((await page.locator('.article-text').textContent()) === doc.text, 'markup in article text shown as text');
    check((await page.locator('.article-text script, .article-text img, main script').count()) === 0, 'no element made from article text');
    await shot('escaping');
  });
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

check(offsite.length === 0, 'nothing fetched off the server' + (offsite.length ? ': ' + offsite.slice(0, 3).join(' ') : ''));
check(problems.length === 0, 'no console errors, page errors or dialogs' + (problems.length ? ': ' + problems.slice(0, 5).join(' | ') : ''));
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
