// Headless Chromium test of the per-domain entries: a page that imports `seamid/<domain>` downloads that domain's
// wasm module, glue and JS and nothing of the others; the loader takes a URL, locateFile or the bytes; the demo,
// which uses every domain, fetches each module once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser } from './launch.mjs';

const domains = ['validation', 'workspace', 'acs', 'deletion'];
let browser;
let origin;
before(async () => {
  browser = await openBrowser();
  origin = new URL(browser.url).origin;
  // A blank page of the demo's origin to import the package from.
  await browser.context.route(`${origin}/blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
});
after(async () => { await browser?.close(); });

/** Runs `script(origin)` in a fresh page of the origin; returns { result, requested: the package paths fetched }. */
async function inFreshPage(script) {
  const page = await browser.context.newPage();
  const requested = [];
  page.on('request', (request) => {
    const { pathname, search } = new URL(request.url());
    if (pathname.startsWith('/bindings/js/')) requested.push(pathname.slice('/bindings/js/'.length) + search);
  });
  try {
    await page.goto(`${origin}/blank.html`);
    const result = await page.evaluate(script);
    return { result, requested };
  } finally {
    await page.close();
  }
}
const ofKind = (requested, pattern) => requested.filter((path) => pattern.test(path)).sort();

for (const domain of domains) {
  test(`seamid/${domain} downloads one wasm module: its own`, async () => {
    const { result, requested } = await inFreshPage(`import('/bindings/js/src/${domain}-browser.js').then((entry) => Object.keys(entry).length)`);
    assert.ok(result > 0);
    assert.deepEqual(ofKind(requested, /\.wasm/), [`dist/seamid-${domain}.wasm`]);
    assert.deepEqual(ofKind(requested, /\.mjs/), [`dist/seamid-${domain}.mjs`]);
    const others = domains.filter((other) => other !== domain);
    assert.deepEqual(requested.filter((path) => others.some((other) => path.startsWith(`src/${other}/`))), []);
  });
}

test('the loader takes a URL, locateFile or the bytes, and loads nothing before it is asked', async () => {
  const { result, requested } = await inFreshPage(`(async () => {
    const loader = await import('/bindings/js/src/loader.js');
    const idle = performance.getEntriesByType('resource').filter((entry) => /\\.(wasm|mjs)/.test(entry.name)).length;
    const acs = await loader.loadAcs({ url: '/bindings/js/dist/seamid-acs.wasm?from=url' });
    const located = [];
    const workspace = await loader.loadWorkspace({ locateFile: (file, directory) => { located.push(file); return directory + file + '?from=locateFile'; } });
    const bytes = await (await fetch('/bindings/js/dist/seamid-validation.wasm?from=page')).arrayBuffer();
    const validation = await loader.loadValidation({ wasmBinary: bytes });
    return { idle, located, audit: acs.auditAcsSnapshot({}).ok, ws: workspace.createWorkspace([]).ok, email: validation.validateEmail('a@b.co').ok,
      same: (await loader.loadAcs()) === acs };
  })()`);
  assert.deepEqual(result, { idle: 0, located: ['seamid-workspace.wasm'], audit: true, ws: true, email: true, same: true });
  assert.deepEqual(ofKind(requested, /\.wasm/),
    ['dist/seamid-acs.wasm?from=url', 'dist/seamid-validation.wasm?from=page', 'dist/seamid-workspace.wasm?from=locateFile']);
});

test('the demo page, which uses every domain, fetches each module once', async () => {
  const page = await browser.context.newPage();
  const wasm = [];
  page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname.split('/').pop()); });
  try {
    await page.goto(browser.url);
    await page.waitForSelector('[data-testid=status][data-ready=true]', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    assert.deepEqual(wasm.sort(), domains.map((domain) => `seamid-${domain}.wasm`).sort());
  } finally {
    await page.close();
  }
});
