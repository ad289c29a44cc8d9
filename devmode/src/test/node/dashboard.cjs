// Drives the scf-dev dashboard in Debian's headless Chromium as a person would, for DashboardBrowserTest.
// Usage: node dashboard.cjs PLAYWRIGHT_CORE_DIR DASHBOARD_URL PROXY_URL SCREENSHOT_DIR API_DEBUG_PORT
// Prints one line per step; exits 1 with the reason when a step fails.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [playwrightDir, dashboardUrl, proxyUrl, screenshots, apiDebugPort] = process.argv.slice(2);
const { chromium } = require(path.join(playwrightDir, 'node_modules', 'playwright-core'));
const STEP_MS = 20000;

function step(text) {
  console.log(`step: ${text}`);
}

async function expectText(locator, predicate, what) {
  const deadline = Date.now() + STEP_MS;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent().catch(() => '')) || '';
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not seen within ${STEP_MS} ms (last seen: ${JSON.stringify(last)})`);
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-dashboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });

    await page.goto(dashboardUrl);
    step('the page lists every container, running');
    for (const name of ['api', 'web']) {
      const row = page.locator(`#containers tr[data-container="${name}"]`);
      await expectText(row.locator('td').nth(1), (t) => t === 'running', `${name}'s status`);
      await expectText(row.locator('td').nth(4), (t) => /^pid \d+$/.test(t), `${name}'s instance`);
    }
    await expectText(page.locator('#containers tr[data-container="api"] td').nth(2), (t) => t === 'awsLambda', "api's compute type");
    await expectText(page.locator('#containers tr[data-container="api"] td').nth(3), (t) => t === '/api/*', "api's route");
    await expectText(page.locator('#containers tr[data-container="web"] td').nth(2), (t) => t === 'awsFargateEcs', "web's compute type");
    await expectText(page.locator('#containers tr[data-container="api"] td').nth(8), (t) => t === `127.0.0.1:${apiDebugPort}`,
      "api's debug port");
    await expectText(page.locator('#containers tr[data-container="web"] td').nth(8), (t) => t === '—', 'no debug port for web');
    await page.screenshot({ path: path.join(screenshots, 'dashboard-containers.png'), fullPage: true });

    step('a request made through the proxy appears in the list');
    const probe = `/api/probe-${Date.now()}`;
    const answer = await fetch(proxyUrl + probe + '?x=1');
    if (answer.status !== 200) throw new Error(`the proxy answered ${answer.status} to ${probe}`);
    const requestRow = page.locator('#requests tbody tr', { hasText: probe }).first();
    await expectText(requestRow, (t) => t.includes('GET') && t.includes('/api/*') && t.includes('api') && t.includes('200'),
      'the request row');
    const cells = await requestRow.locator('td').allTextContents();
    console.log(`request row: ${cells.join(' | ')}`);
    if (cells[3] !== `${probe}?x=1` || cells[4] !== '/api/*' || cells[5] !== 'api' || cells[6] !== '200' || !/ ms$/.test(cells[7])
        || !/^127\.0\.0\.1:\d+$|^localhost:\d+$/.test(cells[2])) {
      throw new Error(`the request row is not what was sent: ${cells.join(' | ')}`);
    }

    step("the app's log line appears, the filter keeps only matching lines");
    await expectText(page.locator('#logs'), (t) => t.includes(`handled GET ${probe}`), "the app's log line");
    await page.fill('#log-filter', probe);
    const visible = await page.locator('#logs > div:visible').allTextContents();
    if (visible.length === 0 || visible.some((l) => !l.includes(probe))) {
      throw new Error(`the filter shows other lines: ${JSON.stringify(visible)}`);
    }
    await page.fill('#log-filter', '');

    step('pause holds new lines until resumed');
    await page.click('#log-pause');
    const held = `/api/held-${Date.now()}`;
    await fetch(proxyUrl + held);
    await expectText(page.locator('#log-held'), (t) => /^\d+ new lines? held$/.test(t), 'the count of held lines');
    if ((await page.locator('#logs').textContent()).includes(held)) throw new Error('a line was shown while paused');
    await page.click('#log-pause');
    await expectText(page.locator('#logs'), (t) => t.includes(`handled GET ${held}`), 'the held line after resuming');
    await page.screenshot({ path: path.join(screenshots, 'dashboard-requests-and-logs.png'), fullPage: true });

    step('the restart button starts a new instance');
    const webRow = page.locator('#containers tr[data-container="web"]');
    const before = await webRow.locator('td').nth(4).textContent();
    const restartsBefore = Number(await webRow.locator('td').nth(5).textContent());
    await webRow.locator('button.restart').click();
    const after = await expectText(webRow.locator('td').nth(4), (t) => /^pid \d+$/.test(t) && t !== before, 'a new instance of web');
    await expectText(webRow.locator('td').nth(1), (t) => t === 'running', 'web running again');
    await expectText(webRow.locator('td').nth(5), (t) => Number(t) === restartsBefore + 1, "web's restart count");
    console.log(`restarted web: ${before} -> ${after}`);
    await page.screenshot({ path: path.join(screenshots, 'dashboard-restarted.png'), fullPage: true });

    step("a page of another local site (an app behind the proxy) cannot restart a container");
    const control = new URL(dashboardUrl).origin;
    const app = await context.newPage();
    await app.goto(`${proxyUrl}/api/page`);
    const outcome = await app.evaluate(async (url) => {
      try {
        await fetch(url, { method: 'POST', mode: 'no-cors' });
        return 'sent';
      } catch (e) {
        return `failed: ${e.message}`;
      }
    }, `${control}/api/containers/web/restart`);
    const status = await (await fetch(`${control}/api/containers/web`)).json();
    if (status.restarts !== restartsBefore + 1 || status.instance !== after) {
      throw new Error(`a cross-site POST (${outcome}) restarted web: ${JSON.stringify(status)}`);
    }
    console.log(`cross-site POST ${outcome}; web still ${status.instance} after ${status.restarts} restart(s)`);
    await app.close();

    if (problems.length) throw new Error(problems.join('\n'));
    step('done');
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`FAILED: ${e.message}`);
  process.exit(1);
});
