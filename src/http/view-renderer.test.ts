import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  write('shop/page', "<% const { title, items } = locals; -%>\n<%- include('../partials/header', { title }) %><ul><% for (const item of items) { %><%- include('item', { item }) %><% } %></ul>");
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

  it('without cache, reads templates again (edits show at once) and keeps no fragment', () => {
    const r = createViewRenderer(views.dir, { 'shop/item': (locals) => locals.item as object });
    const item = Object.freeze({ name: 'x' });
    expect(r.render('shop/page', { title: 't', items: [item], suffix: '' }, false)).toContain('<li>x</li>');
    write('shop/item', '<% const { item } = locals; -%>\n<li class="new"><%= item.name %></li>');
    expect(r.render('shop/page', { title: 't', items: [item], suffix: '' }, false)).toContain('<li class="new">x</li>');
  });

  it('reports the template and line of an error in development', () => {
    write('shop/throws', "<% const { a } = locals; -%>\nline 2\n<%= a.b.c %>");
    expect(() => createViewRenderer(views.dir).render('shop/throws', { a: {} }, false)).toThrow(/throws\.ejs:3/);
  });
});
