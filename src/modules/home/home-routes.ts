import { Router } from 'express';
import { langOf } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import type { AppDeps } from '../../app-deps.js';
import { homeTexts } from './home-texts.js';

/** The landing page: which surveys are open, in Vietnamese first. */
export function homeRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const lang = langOf(req);
    const surveys = [...deps.surveys.byId.values()].map((s) => ({ id: s.id, version: s.version, title: s.definition.title[lang] }));
    res.render('home/index', { lang, t: textsIn(homeTexts, lang), surveys });
  });
  return router;
}
