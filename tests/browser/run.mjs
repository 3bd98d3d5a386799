// Browser tests of the default theme on a built site (issue 6, design §7), run by run.sh:
//   node run.mjs --site DIR [--screenshots DIR]
// Serves DIR on 127.0.0.1 and drives Debian's Chromium through playwright-core: axe-core on the
// main kinds of page, html-validate on every HTML file, the search page, the display toggles,
// sitemap.xml/rss.xml well-formedness and every internal link. Exits non-zero on any failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const site = path.resolve(option('--site') ?? '');
const screenshots = option('--screenshots');
assert.ok(fs.existsSync(path.join(site, 'index.html')), `no built site at ${site}`);

// Known content of the example site (content-example/).
const WORD = '防火';  // a two-character word in some pages only
const PAGES = {
  home: '',
  list: 'tzgg/',
  article: 'zwdt/2025-spring-farming/',
  disclosure: 'xxgk/2025-budget/',
  sitemap: 'sitemap/',
  search: `search/?q=${encodeURIComponent(WORD)}`,
  notFound: 'no/such/page/',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.pdf': 'application/pdf',
};

function allFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}
const files = allFiles(site).sort();
const htmlFiles = files.filter((f) => f.endsWith('.html'));

// A static server like the ones a county site is put on: directories serve index.html and a
// missing path gets 404.html with status 404.
function serve() {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.join(site, rel);
      const inside = file.startsWith(site + path.sep);
      if (inside && fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        res.end(fs.readFileSync(file));
      } else {
        res.writeHead(404, { 'content-type': TYPES['.html'] });
        res.end(fs.readFileSync(path.join(site, '404.html')));
      }
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

let server, browser, base;

before(async () => {
  server = await serve();
  base = `http://127.0.0.1:${server.address().port}/`;
  // No network but loopback here: background and update traffic off. launch() gives Chromium a
  // fresh temporary --user-data-dir of its own each run (and refuses one passed in args).
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

async function withPage(options, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await fn(page);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await context.close();
  }
}

async function axe(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document));
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [name, url] of Object.entries(PAGES)) {
  test(`axe-core finds no violations on the ${name} page`, async () => {
    await withPage({}, async (page) => {
      const response = await page.goto(base + url);
      assert.equal(response.status(), name === 'notFound' ? 404 : 200);
      if (name === 'search') await page.waitForSelector('#search-results a');
      assert.deepEqual(await axe(page), []);
      if (screenshots) {
        fs.mkdirSync(screenshots, { recursive: true });
        await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
      }
    });
  });
}

for (const mode of ['high-contrast', 'elder']) {
  test(`axe-core finds no violations on the home and article pages in ${mode} mode`, async () => {
    await withPage({}, async (page) => {
      await page.addInitScript((m) => localStorage.setItem('sanshen-display', JSON.stringify({ [m]: true })), mode);
      for (const url of [PAGES.home, PAGES.disclosure]) {
        await page.goto(base + url);
        assert.ok(await page.evaluate((m) => document.documentElement.classList.contains(`mode-${m}`), mode));
        assert.deepEqual(await axe(page), [], url);
        if (screenshots && url === PAGES.home) {
          await page.screenshot({ path: path.join(screenshots, `home-${mode}.png`), fullPage: false });
        }
      }
    });
  });
}

test('html-validate passes on every HTML file of the site', async () => {
  const htmlvalidate = new HtmlValidate(new StaticConfigLoader({
    extends: ['html-validate:recommended'],
    rules: {
      // Markdown bodies are authored text: a trailing space or a long line is not a defect.
      'no-trailing-whitespace': 'off',
      // Chinese typography uses full-width punctuation, which this rule does not model.
      'unrecognized-char-ref': 'error',
    },
  }));
  const problems = [];
  for (const file of htmlFiles) {
    const report = await htmlvalidate.validateFile(path.join(site, file));
    for (const r of report.results) {
      for (const m of r.messages) {
        // md4c writes GFM column alignment as align="…" on table cells (core/markdown.cc, not
        // the theme); browsers honour it. Only that exact message is let through.
        if (m.ruleId === 'no-deprecated-attr' && /^Attribute "align" is deprecated on <t[dh]> element$/.test(m.message)) continue;
        problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
  }
  assert.ok(htmlFiles.length >= 10);
  assert.deepEqual(problems, []);
});

test('every internal link and asset reference resolves to a file of the site', () => {
  const basePath = '/';  // the example's base_url has no path; 404.html links from the root
  const broken = [];
  for (const file of htmlFiles) {
    const html = fs.readFileSync(path.join(site, file), 'utf8');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, attr, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const ref = raw.replace(/&amp;/g, '&');
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) continue;  // https:, mailto: — not ours to check
      const [target, fragment] = ref.split('#');
      if (target === '') {
        if (fragment && !ids.has(fragment)) broken.push(`${file}: ${attr}="${ref}" (no such id)`);
        continue;
      }
      const from = target.startsWith('/') ? basePath : path.posix.dirname(`/${file}`) + '/';
      let resolved = decodeURIComponent(new URL(target, `http://x${from}`).pathname).replace(/^\/+/, '');
      if (resolved === '' || resolved.endsWith('/')) resolved += 'index.html';
      if (!files.includes(resolved)) broken.push(`${file}: ${attr}="${ref}"`);
    }
  }
  assert.deepEqual(broken, []);
});

test(`a search for the two-character word ${WORD} lists exactly the pages that contain it`, async () => {
  const expected = htmlFiles
    .filter((f) => /^[^/]+\/[^/]+\/index\.html$/.test(f) && !f.startsWith('search/') && !f.startsWith('sitemap/'))
    .filter((f) => {
      const html = fs.readFileSync(path.join(site, f), 'utf8');
      const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
      return article.replace(/<[^>]*>/g, '').includes(WORD);
    })
    .map((f) => f.replace(/index\.html$/, ''))
    .sort();
  assert.ok(expected.length >= 1 && expected.length < 12, `${WORD} should be in some pages only`);
  await withPage({}, async (page) => {
    await page.goto(base + 'index.html');
    await page.fill('#header-q', WORD);
    await page.press('#header-q', 'Enter');
    await page.waitForSelector('#search-results a');
    const found = await page.$$eval('#search-results a', (links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual(found.map((h) => h.replace(/^\.\.\//, '')).sort(), expected);
    assert.match(await page.textContent('#search-status'), new RegExp(`找到 ${expected.length} 条`));
    await page.click('#search-results a');
    await page.waitForLoadState();
    assert.ok(expected.includes(new URL(page.url()).pathname.slice(1)));
  });
});

test('a search without JavaScript says so and points to the 网站地图', async () => {
  await withPage({ javaScriptEnabled: false }, async (page) => {
    await page.goto(base + PAGES.search);
    const notice = page.locator('main .notice');
    assert.ok(await notice.isVisible());
    assert.match(await notice.textContent(), /需要浏览器启用 JavaScript/);
    assert.equal(await notice.locator('a').getAttribute('href'), '../sitemap/');
    // The display toggles need JavaScript, so without it they are not shown at all.
    assert.equal(await page.locator('.a11y-tools').isVisible(), false);
  });
});

test('the elderly-mode and high-contrast toggles work and are remembered', async () => {
  await withPage({}, async (page) => {
    await page.goto(base + PAGES.article);
    const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize));
    assert.ok(await fontSize() < 24);
    await page.click('button[data-toggle="elder"]');
    assert.equal(await page.getAttribute('button[data-toggle="elder"]', 'aria-pressed'), 'true');
    assert.ok(await fontSize() >= 24, 'elderly mode text is at least 18pt (24px)');
    await page.click('button[data-toggle="high-contrast"]');
    await page.reload();
    assert.ok(await fontSize() >= 24, 'the setting survives a reload');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(0, 0, 0)');
    await page.click('button[data-article-size="large"]');
    assert.equal(await page.getAttribute('.article-body', 'data-size'), 'large');
  });
});

test('the 404 page keeps the site style at any depth', async () => {
  await withPage({}, async (page) => {
    const response = await page.goto(base + 'a/b/c/missing.html');
    assert.equal(response.status(), 404);
    const nav = await page.evaluate(() => getComputedStyle(document.querySelector('.site-nav')).backgroundColor);
    assert.equal(nav, 'rgb(27, 79, 143)');
  });
});

test('sitemap.xml and rss.xml are well-formed and list the pages', async () => {
  const sitemap = fs.readFileSync(path.join(site, 'sitemap.xml'), 'utf8');
  const rss = fs.readFileSync(path.join(site, 'rss.xml'), 'utf8');
  await withPage({}, async (page) => {
    await page.goto(base);
    const parsed = await page.evaluate(([s, r]) => {
      const parse = (text) => new DOMParser().parseFromString(text, 'application/xml');
      const a = parse(s);
      const b = parse(r);
      return {
        errors: a.getElementsByTagName('parsererror').length + b.getElementsByTagName('parsererror').length,
        locs: [...a.getElementsByTagName('loc')].map((e) => e.textContent),
        items: b.getElementsByTagName('item').length,
      };
    }, [sitemap, rss]);
    assert.equal(parsed.errors, 0);
    const pages = htmlFiles.filter((f) => f !== '404.html').map((f) => f.replace(/index\.html$/, ''));
    const origin = 'https://www.qinghe.example.gov.cn/';
    assert.deepEqual(parsed.locs.map((l) => l.replace(origin, '')).sort(), pages.sort());
    assert.ok(parsed.items >= 10);
  });
});
