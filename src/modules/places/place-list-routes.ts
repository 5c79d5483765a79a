import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../http/app-error.js';

const Params = z.object({
  era: z.enum(['63', '34']),
  level: z.enum(['district', 'commune']),
  parent: z.string().regex(/^\d{1,6}$/),
});

/**
 * The children of one place (a province's communes, a district's communes…) as JSON, for the
 * respondents' lists and the keying screen when the level above changes in the page. Public lists
 * and nothing else, the same for everyone: browsers and proxies may keep them for a day.
 */
export function placeListRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/places/:era/:level/:parent', (req, res) => {
    const params = Params.safeParse(req.params);
    const source = deps.surveys.placeTrees;
    if (!params.success || !source) throw notFound();
    const { era, level, parent } = params.data;
    const tree = source.get().trees[era];
    const above = tree.parentLevel(level);
    if (!tree.levels.includes(level) || above === null || !tree.find(above, parent)) throw notFound();
    res.set('cache-control', 'public, max-age=86400');
    res.json({ places: tree.children(level, parent).map((p) => ({ code: p.code, name: p.name })) });
  });
  return router;
}
