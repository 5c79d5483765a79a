import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Run in a process of its own: V8's %HaveSameMap (allowed by a flag) tells whether two requests'
// objects share their hidden class, which is what keeps them cheap for the garbage collector.
const script = `
import express from 'express';
import { createHttpServer } from ${JSON.stringify(new URL('./http-server.ts', import.meta.url).pathname)};
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)');
const app = express();
const seen = [];
app.get('/x', (req, res) => { seen.push([req, res]); res.type('text').send(req.get('x-test') ?? ''); });
const server = createHttpServer(app);
let madeWithPrototype = true;
server.prependListener('request', (req, res) => {
  if (Object.getPrototypeOf(req) !== app.request || Object.getPrototypeOf(res) !== app.response) madeWithPrototype = false;
});
server.listen(0, '127.0.0.1', async () => {
  const url = 'http://127.0.0.1:' + server.address().port + '/x';
  const bodies = [];
  for (let i = 0; i < 8; i++) bodies.push(await (await fetch(url, { headers: { 'x-test': 'n' + i } })).text());
  const [a, b] = seen.slice(-2);
  console.log(JSON.stringify({ madeWithPrototype, bodies, sameRequestMap: sameMap(a[0], b[0]), sameResponseMap: sameMap(a[1], b[1]) }));
  server.closeAllConnections();
  server.close();
});
`;

describe('createHttpServer', () => {
  it('makes requests and responses with the app’s prototypes, one hidden class for all, and serves as express does', () => {
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as {
      madeWithPrototype: boolean;
      bodies: string[];
      sameRequestMap: boolean;
      sameResponseMap: boolean;
    };
    // Express's own Object.setPrototypeOf then changes nothing: the objects were made that way.
    expect(result.madeWithPrototype).toBe(true);
    expect(result.bodies).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    expect(result.sameRequestMap).toBe(true);
    expect(result.sameResponseMap).toBe(true);
  });
});
