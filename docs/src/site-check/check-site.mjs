// Opens every page of the built site, in both languages, in headless Chromium (Debian's, no browser download) and
// checks it as a reader sees it:
//  - each page loads without console errors or failed requests, makes no request off the local files, and declares
//    its language (<html lang="en"> at the top, "zh-Hans" under zh/);
//  - every internal link and anchor resolves, and no page is unreachable from the index;
//  - every page has its twin in the other language, with the same ids, and the language switch leads to the twin
//    and keeps the reader's place (the #anchor);
//  - rendering defects: AsciiDoc markup left as text (a backtick, "]#", "##": a code span or role that did not
//    close), the seed's lines run together (its line breaks lost), and a stray space between two Chinese characters
//    (a line break in the source) where the seed itself has none;
//  - the Chinese text is rendered with real glyphs, and example pages have code and captured output.
// It saves a screenshot of the index page in each language.
//   node check-site.mjs SITE_DIR CHROMIUM SCREENSHOT_PREFIX SEED_FILE
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve, relative, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const [siteDir, executablePath, screenshotPrefix, seedFile] = process.argv.slice(2);
const root = resolve(siteDir);
const problems = [];
const problem = (page, text) => problems.push(`${page}: ${text}`);

const htmlIn = dir => existsSync(dir) ? readdirSync(dir).filter(f => f.endsWith('.html')).sort() : [];
const english = htmlIn(root);
const chinese = htmlIn(join(root, 'zh')).map(f => `zh/${f}`);
const pages = [...english, ...chinese];
if (!english.includes('index.html')) {
  console.error(`check-site: no index.html in ${root}`);
  process.exit(1);
}
for (const name of english) if (!chinese.includes(`zh/${name}`)) problem(name, `no Chinese twin zh/${name}`);
for (const name of chinese) if (!english.includes(name.slice(3))) problem(name, `no English twin ${name.slice(3)}`);

// The seed's text: its lines (for the line-break check) and the spaced Chinese it really has (for the space check).
const seed = readFileSync(seedFile, 'utf8');
const CJK = '[\\u2014\\u2018-\\u201d\\u2026\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
const strayCjkSpace = new RegExp(`${CJK}[ \\t\\n]+${CJK}`, 'g');
const normalize = text => text.replaceAll('`', '').replace(/\s+/g, ' ').trim();
const seedLines = seed.split('\n').slice(0, 26).filter(l => l.trim() && !l.startsWith('```'))
  .map(l => normalize(l.replace(/^- /, '')));
const seedSpaced = new Set([...normalize(seed).matchAll(strayCjkSpace)].map(m => m[0]));

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const urlOf = name => pathToFileURL(join(root, name)).href;
const nameOf = url => relative(root, fileURLToPath(url)).split(sep).join('/');
const linked = new Set(['index.html']);
const idsByPage = new Map();
const allIdsByPage = new Map();
const links = [];

// Text nodes a reader sees in running text (inline code included; listings and scripts left out).
const proseTexts = () => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (parent.closest('pre, script, style, .listingblock, .literalblock')) continue;
    texts.push(node.textContent); // inline code too: a code span that did not close swallows text up to the next `
  }
  return texts;
};

for (const name of pages) {
  const zh = name.startsWith('zh/');
  const page = await context.newPage();
  page.on('console', m => { if (m.type() === 'error') problem(name, `console error: ${m.text()}`); });
  page.on('pageerror', e => problem(name, `script error: ${e.message}`));
  page.on('requestfailed', r => problem(name, `request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', r => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) problem(name, `request off the site: ${url}`);
  });
  await page.goto(urlOf(name), { waitUntil: 'load' });
  idsByPage.set(name, new Set(await page.$$eval('#content [id]', els => els.map(e => e.id))));
  const allIds = new Set(await page.$$eval('[id]', els => els.map(e => e.id)));
  allIdsByPage.set(name, allIds);
  for (const href of await page.$$eval('a[href]', as => as.map(a => a.getAttribute('href')))) {
    links.push({ from: name, href });
  }
  const lang = await page.getAttribute('html', 'lang');
  if (lang !== (zh ? 'zh-Hans' : 'en')) problem(name, `<html lang="${lang}">, expected ${zh ? 'zh-Hans' : 'en'}`);

  // Markup that did not render: a code span, strong text or role whose closing mark was not recognised.
  for (const text of await page.evaluate(proseTexts)) {
    const leftover = text.match(/`|\]#|##|\[\.[a-z]/);
    if (leftover) problem(name, `AsciiDoc markup shown as text ("${leftover[0]}") in: ${text.trim().slice(0, 80)}`);
    if (zh) {
      for (const m of normalize(text).matchAll(strayCjkSpace)) {
        if (!seedSpaced.has(m[0])) problem(name, `stray space between Chinese characters: "${m[0]}" in: `
          + normalize(text).slice(Math.max(0, m.index - 20), m.index + 20));
      }
    }
  }

  if (name.endsWith('man-page.html') && !name.endsWith('book.html')) {
    // The original column keeps the seed's lines: each of its lines is a line of the rendered column.
    const rendered = new Set((await page.$$eval('table.bilingual tbody tr td:nth-child(2)',
      cells => cells.map(c => c.innerText).join('\n'))).split('\n').map(normalize));
    for (const line of seedLines) {
      if (!rendered.has(line)) problem(name, `the seed's line break is lost before or after: ${line}`);
    }
    // The Chinese must be rendered with glyphs: a line of it has a real width, and it is in the text.
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
    if (width < 50) problem(name, `the Chinese original is missing or has no rendered width (${width}px): no glyphs`);
  }
  if (/(^|\/)example-/.test(name)) {
    const listings = await page.$$('pre code');
    if (listings.length < 1) problem(name, 'no code listing');
    const outputs = await page.$$eval('.literalblock pre', ps => ps.map(p => p.textContent.length));
    if (!outputs.some(n => n > 100)) problem(name, 'no captured output');
  }

  // The language switch leads to the twin, in the other language.
  const switches = await page.$$('nav.site a.lang-switch');
  if (switches.length !== 1 && !(name.endsWith('book.html') && switches.length > 1)) { // the book repeats the nav
    problem(name, `${switches.length} language switches in the page's navigation, expected 1`);
  } else {
    const twin = zh ? name.slice(3) : `zh/${name}`;
    try {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 10_000 }), switches[0].click()]);
      if (nameOf(page.url()) !== twin) problem(name, `the language switch leads to ${nameOf(page.url())}, not ${twin}`);
      const twinLang = await page.getAttribute('html', 'lang');
      if (twinLang !== (zh ? 'en' : 'zh-Hans')) problem(name, `the switch's page has <html lang="${twinLang}">`);
    } catch (e) {
      problem(name, `the language switch does not lead to ${twin}: ${e.message.split('\n')[0]}`);
    }
  }
  if (name === 'index.html' || name === 'zh/index.html') {
    await page.goto(urlOf(name), { waitUntil: 'load' });
    await page.screenshot({ path: `${screenshotPrefix}${zh ? '-zh' : ''}.png`, fullPage: true });
  }
  if (!allIds.size) problem(name, 'no ids at all');
  await page.close();
}

// The switch keeps the reader's place: from a statement in English to the same statement in Chinese, and back.
{
  const page = await context.newPage();
  const follow = async (from, expected) => {
    const link = await page.$('nav.site a.lang-switch');
    if (!link) return problem(from, 'no language switch to follow');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 10_000 }), link.click()]);
    const at = `${nameOf(page.url().split('#')[0])}${new URL(page.url()).hash}`;
    if (at !== expected) problem(from, `the language switch went to ${at}, not ${expected}`);
    return at === expected;
  };
  await page.goto(`${urlOf('statements.html')}#S-09`, { waitUntil: 'load' });
  if (await follow('statements.html#S-09', 'zh/statements.html#S-09')) {
    await follow('zh/statements.html#S-09', 'statements.html#S-09');
  }
  await page.close();
}

// Twins have the same ids (the book is left out: its chapters' ids come from their titles).
for (const name of english) {
  if (name === 'book.html' || !idsByPage.has(`zh/${name}`)) continue;
  const en = idsByPage.get(name);
  const zh = idsByPage.get(`zh/${name}`);
  const onlyEn = [...en].filter(id => !zh.has(id));
  const onlyZh = [...zh].filter(id => !en.has(id));
  if (onlyEn.length || onlyZh.length) {
    problem(name, `ids differ from its twin: only in English ${JSON.stringify(onlyEn)}, only in Chinese ${JSON.stringify(onlyZh)}`);
  }
}

for (const { from, href } of links) {
  if (/^[a-z]+:/i.test(href) && !href.startsWith('file:')) continue; // external links are allowed, not fetched
  const url = new URL(href, urlOf(from));
  const path = fileURLToPath(url.href.split('#')[0]);
  if (!existsSync(path) || !statSync(path).isFile()) {
    problem(from, `broken link: ${href}`);
    continue;
  }
  const target = nameOf(pathToFileURL(path).href);
  linked.add(target);
  const anchor = url.hash.slice(1);
  if (anchor && target.endsWith('.html') && !(allIdsByPage.get(target) ?? new Set()).has(decodeURIComponent(anchor))) {
    problem(from, `broken anchor: ${href}`);
  }
}
for (const name of pages) {
  if (!linked.has(name) && !name.endsWith('book.html')) problem(name, 'no page links to it');
}

await browser.close();
if (problems.length) {
  console.error(`check-site: ${problems.length} problem(s):\n  ` + problems.join('\n  '));
  process.exit(1);
}
console.log(`check-site: ${english.length} English and ${chinese.length} Chinese pages opened in Chromium, each`
  + ` language switch followed, ${links.length} links checked, no console errors, no request off the site, no`
  + ` markup shown as text, the seed's line breaks kept; screenshots ${screenshotPrefix}.png, ${screenshotPrefix}-zh.png`);
