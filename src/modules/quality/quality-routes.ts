import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { signedInUser, provinceScope } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import { decideQualityFlag } from './decide-flag.js';
import { flagKinds } from './quality-flag.js';
import { listFlags } from './quality-repository.js';
import { flagRows, kindLabel, statusLabel, type Lang } from './quality-view.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import { langOf } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { qualityPageTexts } from './quality-texts.js';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const STATUSES = ['open', 'confirmed', 'dismissed'] as const;
const ListQuery = z.object({
  survey: z.string().max(100).optional().catch(undefined),
  kind: z.enum(flagKinds).optional().catch(undefined),
  status: z.enum([...STATUSES, 'all']).catch('open'),
});
const NOTE_MAX = 1000;
const DecideBody = z.object({ decision: z.enum(['confirm', 'dismiss']), note: z.string().trim().max(NOTE_MAX) });
const LIMIT = 200;

/** Supervisors' page of quality flags in their provinces: the evidence, and a decision with a note. `sipas quality` finds the flags. */
export function qualityRouter(deps: AppDeps): Router {
  const router = Router();
  const supervisor = requireRole('supervisor');
  const provinceName = (lang: Lang) => (code: string) => {
    for (const s of deps.surveys.byId.values()) {
      const p = s.places.byCode.get(code);
      if (p) return lang === 'en' ? p.nameEn : p.nameVi;
    }
    return code;
  };

  const render = (req: Request, res: Response, problem: { id: number; message: string; note: string } | null): void => {
    const lang = langOf(req);
    const query = ListQuery.parse(req.query);
    const survey = query.survey && deps.surveys.byId.has(query.survey) ? query.survey : undefined;
    const { items, total } = listFlags(deps.db, provinceScope(signedInUser(res)), {
      surveyId: survey,
      kind: query.kind,
      status: query.status === 'all' ? undefined : query.status,
      limit: LIMIT,
    });
    const t = textsIn(qualityPageTexts, lang);
    const params = (l: Lang): string =>
      new URLSearchParams({
        ...(l === 'en' ? { lang: 'en' } : {}),
        ...(survey ? { survey } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.status !== 'open' ? { status: query.status } : {}),
      }).toString();
    res.render('quality/index', {
      lang,
      t,
      csrf: csrfToken(req, res, deps.config.secureCookies),
      total,
      limit: LIMIT,
      noteMax: NOTE_MAX,
      here: `/quality?${params(lang)}`,
      surveys: surveysNewestFirst(deps.surveys.byId.values()).map((s) => ({ id: s.id, title: s.definition.title[lang], selected: s.id === survey })),
      kinds: flagKinds.map((k) => ({ value: k, label: kindLabel(k, lang), selected: k === query.kind })),
      statuses: [...STATUSES, 'all' as const].map((s) => ({
        value: s,
        label: s === 'all' ? t('allStatuses') : statusLabel(s, lang),
        selected: s === query.status,
      })),
      rows: flagRows(items, lang, provinceName(lang)),
      problem,
      done: typeof req.query.done === 'string' ? req.query.done : null,
      otherHref: `/quality?${params(lang === 'en' ? 'vi' : 'en')}`,
    });
  };

  router.get('/quality', supervisor, (req, res) => render(req, res, null));

  router.post('/quality/flags/:id/decide', supervisor, verifyCsrf, (req, res) => {
    const id = Id.safeParse(req.params.id);
    if (!id.success) throw notFound(qualityPageTexts.noSuchFlag);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const body = DecideBody.safeParse(form);
    const lang = langOf(req);
    const back = typeof form.back === 'string' && form.back.startsWith('/quality?') && form.back.length < 500 ? form.back : '/quality?';
    if (!body.success || body.data.note === '') {
      const note = typeof form.note === 'string' ? form.note.slice(0, NOTE_MAX) : '';
      res.status(422);
      render(req, res, {
        id: id.data,
        note,
        message: textsIn(qualityPageTexts, lang)('writeANote', { max: NOTE_MAX }),
      });
      return;
    }
    const flag = decideQualityFlag(deps.db, signedInUser(res), id.data, body.data.decision, body.data.note, deps.now());
    res.redirect(303, `${back}${back.endsWith('?') ? '' : '&'}done=${flag.id}#flag-${flag.id}`);
  });

  return router;
}
