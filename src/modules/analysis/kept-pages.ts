import type { Application } from 'express';

/** Bodies kept per run: the views of one run an analyst may ask for (sort, language, filters). */
const PER_RUN = 20;

/**
 * Rendered bodies of analysis pages, kept with the run they show and dropped with it (the live
 * index keeps runs; a published wave's run is read afresh each time and keeps nothing). Analysts
 * refreshing a ranking while nothing changed cost the server's thread a lookup instead of a
 * render, which respondents would otherwise wait behind. A body holds nothing of the user (the
 * header with the name and the form token is rendered each time).
 */
const kept = new WeakMap<object, Map<string, string>>();

export async function keptBody(run: object, key: string, render: () => Promise<string>): Promise<string> {
  let bodies = kept.get(run);
  const found = bodies?.get(key);
  if (found !== undefined) return found;
  const body = await render();
  if (!bodies) kept.set(run, (bodies = new Map<string, string>()));
  bodies.set(key, body);
  if (bodies.size > PER_RUN) bodies.delete(bodies.keys().next().value!);
  return body;
}

/** A view rendered to a string with the app's engine and locals. */
export function renderToString(app: Application, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => app.render(view, locals, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? ''))));
}
