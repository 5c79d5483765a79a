import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-db.js';
import { createViewRenderer } from './view-renderer.js';

let views: { dir: string; cleanup: () => void };
const write = (name: string, text: string): void => {
  mkdirSync(join(views.dir, name, '..'), { recursive: true });
  writeFileSync(join(views.dir, `${name}.ejs`), text);
};

beforeEach(() => {
  views = tempDir();
  write('partials/header', '<title><%= title %></title><% if (locals.user) { %><%= user %><% } %>');
  write(
    'shop/page',
    "<% const { title, items } = locals; -%>\n<%- include('../partials/header', { title }) %><ul><% for (const item of items) { %><%- include('item', { item }) %><% } %></ul>",
  );
  write('shop/item', '<% const { item, suffix } = locals; -%>\n<li><%= item.name %><%= suffix %></li>');
});
afterEach(() => views.cleanup());

describe('view renderer', () => {
  it('renders a template that declares its locals, its partials seeing its locals plus the ones passed, values escaped', () => {
    const r = createViewRenderer(views.dir);
    const html = r.render('shop/page', { title: 'A & B', items: [{ name: '<b>' }, { name: 'Phở' }], suffix: '!', user: 'Lan' }, true);
    expect(html).toBe('<title>A &amp; B</title>Lan<ul><li>&lt;b&gt;!</li><li>Phở!</li></ul>');
  });

  it('compiles a template that declares its locals in strict mode: an undeclared name is an error, not an empty string', () => {
    write('shop/broken', '<% const { title } = locals; -%>\n<%= titel %>');
    expect(() => createViewRenderer(views.dir).render('shop/broken', { title: 'x' }, true)).toThrow(/titel/);
  });

  it('keeps the HTML of a memoised partial per key object, and renders again for another object or a null key', () => {
    const r = createViewRenderer(views.dir, { 'shop/item': (locals) => (Object.isFrozen(locals.item) ? (locals.item as object) : null) });
    const kept = Object.freeze({ name: 'kept' });
    expect(r.render('shop/page', { title: 't', items: [kept, { name: 'fresh' }], suffix: '1' }, true)).toContain('<li>kept1</li><li>fresh1</li>');
    // The contract is that a memoised partial reads nothing else that varies: `suffix` breaks it, which shows the memo.
    expect(r.render('shop/page', { title: 't', items: [kept, { name: 'fresh' }], suffix: '2' }, true)).toContain('<li>kept1</li><li>fresh2</li>');
    expect(r.render('shop/page', { title: 't', items: [Object.freeze({ name: 'kept' })], suffix: '3' }, true)).toContain('<li>kept3</li>');
  });

  it('renders the same page as UTF-8 bytes, kept fragments copied in as bytes', () => {
    const r = createViewRenderer(views.dir, { 'shop/item': (locals) => (Object.isFrozen(locals.item) ? (locals.item as object) : null) });
    const kept = Object.freeze({ name: 'Hài lòng' });
    const locals = { title: 'Phần 5/7', items: [kept, { name: 'Phở' }, kept, Object.freeze({ name: '<b>' })], suffix: '!' };
    for (let i = 0; i < 3; i++) {
      // The first time renders and keeps the fragments; the next ones find them.
      expect(r.renderBytes('shop/page', locals, true).toString('utf8')).toBe(r.render('shop/page', locals, true));
    }
    expect(r.renderBytes('shop/page', locals, true).toString('utf8')).toBe(
      '<title>Phần 5/7</title><ul><li>Hài lòng!</li><li>Phở!</li><li>Hài lòng!</li><li>&lt;b&gt;!</li></ul>',
    );
    expect(r.renderBytes('shop/page', locals, false).toString('utf8')).toBe(r.render('shop/page', locals, false));
  });

  it('shows a NUL in a value as U+FFFD, as browsers would, so it cannot pass for a kept fragment', () => {
    const r = createViewRenderer(views.dir, { 'shop/item': (locals) => (Object.isFrozen(locals.item) ? (locals.item as object) : null) });
    const locals = { title: 'a\u00000\u0000b', items: [Object.freeze({ name: 'x' }), { name: '\u00000\u0000' }], suffix: '' };
    const expected = '<title>a\uFFFD0\uFFFDb</title><ul><li>x</li><li>\uFFFD0\uFFFD</li></ul>';
    expect(r.render('shop/page', locals, true)).toBe(expected);
    expect(r.renderBytes('shop/page', locals, true).toString('utf8')).toBe(expected);
  });

  it('escapes every value as EJS does, numbers and booleans printed, null and undefined empty', () => {
    const r = createViewRenderer(views.dir);
    const names = [`a & b <i>"q"</i> 'x'`, 'Phở', 42, 1.5, true, null, undefined, { toString: () => '<o>' }];
    const html = r.render('shop/page', { title: '', items: names.map((name) => ({ name })), suffix: '' }, true);
    expect(html).toBe(`<title></title><ul>${names.map((name) => `<li>${ejs.escapeXML(name)}</li>`).join('')}</ul>`);
    expect(html).toContain('<li>a &amp; b &lt;i&gt;&#34;q&#34;&lt;/i&gt; &#39;x&#39;</li>');
  });

  it('hands out each page as bytes of its own: pages rendered later leave earlier ones as they were', () => {
    const r = createViewRenderer(views.dir, { 'shop/item': (locals) => (Object.isFrozen(locals.item) ? (locals.item as object) : null) });
    const kept = Object.freeze({ name: 'Hài lòng' });
    // Enough pages of a few KB to go round the scratch buffer they are written into many times.
    const pages = Array.from({ length: 400 }, (_, i) => ({ title: `Phần ${i}`, items: [kept, { name: 'ồ'.repeat(500 + i) }], suffix: String(i) }));
    const bytes = pages.map((locals) => r.renderBytes('shop/page', locals, true));
    pages.forEach((locals, i) => expect(bytes[i]!.toString('utf8')).toBe(r.render('shop/page', locals, true)));
  });

  it('without cache, reads templates again (edits show at once) and keeps no fragment', () => {
    const r = createViewRenderer(views.dir, { 'shop/item': (locals) => locals.item as object });
    const item = Object.freeze({ name: 'x' });
    expect(r.render('shop/page', { title: 't', items: [item], suffix: '' }, false)).toContain('<li>x</li>');
    write('shop/item', '<% const { item } = locals; -%>\n<li class="new"><%= item.name %></li>');
    expect(r.render('shop/page', { title: 't', items: [item], suffix: '' }, false)).toContain('<li class="new">x</li>');
  });

  it('reports the template and line of an error in development', () => {
    write('shop/throws', '<% const { a } = locals; -%>\nline 2\n<%= a.b.c %>');
    expect(() => createViewRenderer(views.dir).render('shop/throws', { a: {} }, false)).toThrow(/throws\.ejs:3/);
  });
});
