// Opens every page of the built site in headless Chromium (Debian's, no browser download) and checks it as a
// reader sees it: each page loads without console errors or failed requests, makes no request off the local
// files, every internal link and anchor resolves, no page is unreachable from the index, the Chinese text is
// rendered with real glyphs, and code listings are present. It saves a screenshot of the index page.
//   node check-site.mjs SITE_DIR CHROMIUM SCREENSHOT
import { chromium } from 'playwright-core';
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const [siteDir, executablePath, screenshot] = process.argv.slice(2);
const root = resolve(siteDir);
const problems = [];
const problem = (page, text) => problems.push(`${page}: ${text}`);

const pages = readdirSync(root).filter(f => f.endsWith('.html')).sort();
if (!pages.includes('index.html')) {
  console.error(`check-site: no index.html in ${root}`);
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const linked = new Set(['index.html']);
const anchorsByPage = new Map();
const links = [];

for (const name of pages) {
  const page = await context.newPage();
  page.on('console', m => { if (m.type() === 'error') problem(name, `console error: ${m.text()}`); });
  page.on('pageerror', e => problem(name, `script error: ${e.message}`));
  page.on('requestfailed', r => problem(name, `request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', r => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) problem(name, `request off the site: ${url}`);
  });
  await page.goto(pathToFileURL(join(root, name)).href, { waitUntil: 'load' });
  anchorsByPage.set(name, new Set(await page.$$eval('[id]', els => els.map(e => e.id))));
  for (const href of await page.$$eval('a[href]', as => as.map(a => a.getAttribute('href')))) {
    links.push({ from: name, href });
  }
  if (!(await page.$('html[lang]'))) problem(name, 'no <html lang>');
  if (name === 'man-page.html') {
    // The Chinese must be rendered with glyphs: a line of it has a real width, and it is in the text.
    const text = await page.textContent('body');
    if (!text.includes('连接一个套接字')) problem(name, 'the Chinese original is missing from the page');
    const width = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        if (walker.currentNode.textContent.includes('连接一个套接字')) {
          const range = document.createRange();
          range.selectNodeContents(walker.currentNode);
          return range.getBoundingClientRect().width;
        }
      }
      return 0;
    });
    if (width < 50) problem(name, `the Chinese text has no rendered width (${width}px): no glyphs`);
  }
  if (name.startsWith('example-')) {
    const listings = await page.$$('pre code');
    if (listings.length < 1) problem(name, 'no code listing');
    const outputs = await page.$$eval('.literalblock pre', ps => ps.map(p => p.textContent.length));
    if (!outputs.some(n => n > 100)) problem(name, 'no captured output');
  }
  if (name === 'index.html' && screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  await page.close();
}

for (const { from, href } of links) {
  if (/^[a-z]+:/i.test(href) && !href.startsWith('file:')) continue; // external links are allowed, not fetched
  const [path, anchor] = href.split('#');
  const target = path === '' ? from : path;
  if (!existsSync(join(root, target)) || !statSync(join(root, target)).isFile()) {
    problem(from, `broken link: ${href}`);
    continue;
  }
  linked.add(target);
  if (anchor && target.endsWith('.html') && !(anchorsByPage.get(target) ?? new Set()).has(decodeURIComponent(anchor))) {
    problem(from, `broken anchor: ${href}`);
  }
}
for (const name of pages) {
  if (!linked.has(name) && name !== 'book.html') problem(name, 'no page links to it');
}

await browser.close();
if (problems.length) {
  console.error(`check-site: ${problems.length} problem(s):\n  ` + problems.join('\n  '));
  process.exit(1);
}
console.log(`check-site: ${pages.length} pages opened in Chromium, ${links.length} links checked, no console`
  + ` errors, no request off the site; screenshot ${screenshot}`);
