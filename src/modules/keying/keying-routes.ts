import { Router } from 'express';
import type { AppDeps } from '../../app-deps.js';
import { keyingEntryRouter } from './keying-entry-routes.js';
import { keyingSupervisorRouter } from './keying-supervisor-routes.js';

/** Everything under /keying: the supervisor's fixed paths (/keying/batches/new) before /keying/batches/:id. */
export function keyingRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(keyingSupervisorRouter(deps));
  router.use(keyingEntryRouter(deps));
  return router;
}
