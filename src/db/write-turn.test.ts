import { describe, expect, it } from 'vitest';
import { WriteTurn } from './write-turn.js';

describe('WriteTurn', () => {
  it('a server write waits while the import holds the turn, and the import sees it waiting', async () => {
    const importer = new WriteTurn();
    const server = new WriteTurn(importer.buffer);
    importer.takeBlocking();
    let taken = false;
    const waiting = server.take().then(() => (taken = true));
    await new Promise((r) => setTimeout(r, 120));
    expect(taken).toBe(false);
    expect(importer.serverWaiting).toBe(true);
    importer.release();
    await waiting;
    expect(taken).toBe(true);
    server.give();
    expect(importer.serverWaiting).toBe(false);
  });

  it('a server write goes at once when the import holds nothing', async () => {
    const server = new WriteTurn();
    await server.take();
    server.give();
    expect(server.serverWaiting).toBe(false);
  });
});
