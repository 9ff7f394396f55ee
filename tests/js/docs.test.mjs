// The documentation: README.md stays short, every relative link in README.md, docs/ and the npm README resolves
// (anchors included), the README's C++ examples are the compiled ones, and no page cites a file outside the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path) => readFileSync(join(root, path), 'utf8');
const docPages = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
const pages = ['README.md', 'bindings/js/README.md', ...docPages];

/** GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens. */
const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

/** The anchors of a Markdown file: its headings and explicit <a id> targets. */
function anchors(text) {
  const out = new Set();
  for (const line of text.replace(/```[\s\S]*?```/g, '').split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) out.add(slug(heading[1]));
  }
  for (const match of text.matchAll(/<a id="([^"]+)"/g)) out.add(match[1]);
  return out;
}

/** The Markdown links of a page outside code blocks: [text](target). */
function links(text) {
  return [...text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

test('README.md is at most 15 KB', () => {
  const size = statSync(join(root, 'README.md')).size;
  assert.ok(size <= 15 * 1024, `README.md is ${size} bytes; move detail into docs/`);
});

test('every relative link in README.md, docs/ and the npm README resolves, anchors included', () => {
  let checked = 0;
  for (const page of pages) {
    for (const target of links(read(page))) {
      if (/^[a-z]+:/i.test(target)) continue;   // https:, mailto:
      const [file, anchor] = target.split('#');
      const path = file === '' ? page : relative(root, resolve(root, dirname(page), file));
      assert.ok(existsSync(join(root, path)), `${page}: the link ${target} points at ${path}, which does not exist`);
      if (anchor) assert.ok(anchors(read(path)).has(anchor), `${page}: ${path} has no heading for #${anchor}`);
      checked += 1;
    }
  }
  assert.ok(checked > 30, `only ${checked} links checked`);
});

test('docs/README.md lists every page of docs/', () => {
  const index = read('docs/README.md');
  for (const page of [...docPages.map((p) => p.slice('docs/'.length)), 'performance.md'])
    if (page !== 'README.md') assert.ok(index.includes(`](${page})`), `docs/README.md does not link ${page}`);
  for (const domain of ['validation', 'workspace', 'acs', 'deletion', 'codes'])
    assert.ok(docPages.includes(`docs/${domain}.md`), `docs/${domain}.md is missing`);
});

test('the C++ programs shown in README.md and docs/ are the files ctest compiles', () => {
  const examples = readdirSync(join(root, 'tests/examples')).filter((name) => /^readme-.*\.cpp$/.test(name))
    .map((name) => read(`tests/examples/${name}`).split('\n').slice(1).join('\n').trimEnd());
  const blocks = (page) => [...read(page).matchAll(/```cpp\n([\s\S]*?)```/g)].map((m) => m[1].trimEnd());
  assert.ok(blocks('README.md').length >= 4, 'one C++ example per domain');
  for (const page of pages)
    for (const block of blocks(page).filter((text) => text.includes('int main(')))
      assert.ok(examples.includes(block), `${page}: a C++ program that is not one of tests/examples/readme-*.cpp:\n${block.slice(0, 200)}`);
});

test('the docs cite public sources, and hold no run logs', () => {
  const sources = [...pages];
  const walk = (folder) => {
    for (const name of readdirSync(join(root, folder))) {
      const path = `${folder}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (/\.(hpp|cpp|js|mjs|d\.ts)$/.test(name)) sources.push(path);
    }
  };
  walk('core/include');
  walk('bindings/js/src');
  walk('bindings/js/types');
  for (const path of sources) assert.ok(!read(path).includes('seam-spec'), `${path} cites seam-spec, a file outside the repository`);
  for (const page of pages) {
    const text = read(page);
    if (['validation', 'workspace', 'acs', 'deletion'].some((domain) => page === `docs/${domain}.md`)) {
      assert.match(text, /https:\/\/docs\.seam\.co\/latest\//, `${page} cites no Seam documentation page`);
      assert.match(text, /@seamapi\/types/, `${page} does not cite @seamapi/types`);
    }
    assert.doesNotMatch(text, /\b(latest|earlier|previous) sessions?\b|\btried and\b|\breverted\b|\b(seventeenth|sixteenth|fifteenth) run\b/i,
      `${page} holds a run log or a history; those belong in commit messages`);
  }
});
