import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';

/** Where the keying screen imports the rule evaluator from (views/static/keying/keying-screen.js). */
export const RULES_SCRIPT_PATH = '/static/rules/evaluate-expression.js';

/** evaluate-expression.ts as one browser module: types stripped, anything it imports bundled in. */
async function compileRulesScript(): Promise<string> {
  // Loaded only here: the page that needs it is the keying screen.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../rules/evaluate-expression.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * Serves the server's own rule evaluator to the browser, compiled the first time it is asked for.
 * The keying screen applies skip logic as the keyer types, without a round trip; with this it
 * runs the same code as the server's checks, where it used to carry a copy by hand that could
 * drift from the rules the save is checked with.
 */
export function rulesScript(maxAgeSeconds: number): RequestHandler {
  let compiled: Promise<string> | null = null;
  return (_req, res, next) => {
    compiled ??= compileRulesScript();
    compiled.then(
      (code) => {
        res.set('cache-control', `public, max-age=${maxAgeSeconds}`);
        res.type('text/javascript').send(code);
      },
      (error: unknown) => {
        compiled = null; // tried again on the next request
        next(error);
      },
    );
  };
}
