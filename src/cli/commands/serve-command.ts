import type { Command } from '../command.js';
import { startServer } from '../../server.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the web server',
  usage: 'sipas serve [--port N] [--host ADDR]',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ values }, ctx) {
    const port = values.port === undefined ? ctx.config.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535`);
    const config = { ...ctx.config, port, ...(typeof values.host === 'string' ? { host: values.host } : {}) };
    await startServer({ ...ctx, config });
    return new Promise<number>(() => undefined);
  },
};
