import { Router } from 'express';
import type { AppDeps } from '../../app.js';

/** The landing page: which surveys are open, in Vietnamese first. */
export function homeRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const lang = req.query.lang === 'en' ? 'en' : 'vi';
    const surveys = [...deps.surveys.byId.values()].map((s) => ({ id: s.id, version: s.version, title: s.definition.title[lang] }));
    res.render('home/index', { lang, surveys });
  });
  return router;
}
