import { describe, expect, it } from 'vitest';
import { keptBody } from './kept-pages.js';

describe('kept page bodies', () => {
  it('renders a run’s view once per key, again for another key or another run, and keeps at most 20 views a run', async () => {
    let renders = 0;
    const render = (text: string) => () => Promise.resolve(`${text}#${++renders}`);
    const run = {};
    expect(await keptBody(run, '/r?by=province', render('a'))).toBe('a#1');
    expect(await keptBody(run, '/r?by=province', render('a'))).toBe('a#1');
    expect(await keptBody(run, '/r?by=province&lang=en', render('b'))).toBe('b#2');
    expect(await keptBody({}, '/r?by=province', render('c'))).toBe('c#3');
    for (let i = 0; i < 20; i++) await keptBody(run, `/r?sort=${i}`, render('d'));
    // The first view of the run was the oldest of 21: dropped, so rendered again.
    expect(await keptBody(run, '/r?by=province', render('a'))).toBe(`a#${renders}`);
    expect(renders).toBe(24);
  });
});
