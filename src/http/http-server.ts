import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * A constructor for Node's server to call with `new`: its objects have `prototype` as theirs from
 * the start, and `base` (Node's own constructor, a plain function) sets them up. Made with
 * `Reflect.construct(base, args, …)` instead, every object got a map of its own, which undid the point.
 */
function madeWith(base: (...args: never[]) => void, prototype: object): unknown {
  function Made(this: object, ...args: never[]): void {
    base.apply(this, args);
  }
  Made.prototype = prototype;
  return Made;
}

/** Node's constructors are plain functions, callable on an object made elsewhere; a class is not. */
const callable = (f: unknown): f is (...args: never[]) => void => typeof f === 'function' && !Function.prototype.toString.call(f).startsWith('class');

/**
 * The HTTP server for an express app (what `app.listen` makes, before it listens), with one
 * change: each request and response is made with the app's `request` and `response` objects as
 * its prototype.
 *
 * Express gives every request its methods (`res.render`, `req.get`…) by changing the prototype of
 * Node's objects at the start of `app.handle`. V8 handles a live object whose prototype changes
 * badly: much of what a request allocates then survives into the old generation, and the
 * collections that follow pause every request (docs/decisions/0010). Express still sets the
 * prototype, finds it already in place and changes nothing.
 */
export function createHttpServer(app: Express): Server {
  // Should Node's constructors become classes, the server is the plain one: slower, not wrong.
  // Node ends a request after 5 minutes: a supervisor's 200 MB postal batch over a slow office
  // line (or a busy server) takes longer, and got 408. Slow senders of headers are still cut off
  // by headersTimeout.
  const options = { requestTimeout: 30 * 60_000 };
  if (!callable(IncomingMessage) || !callable(ServerResponse)) return createServer(options, app);
  return createServer(
    {
      IncomingMessage: madeWith(IncomingMessage, app.request) as typeof IncomingMessage,
      ServerResponse: madeWith(ServerResponse, app.response) as typeof ServerResponse,
      requestTimeout: options.requestTimeout,
    },
    app,
  );
}
