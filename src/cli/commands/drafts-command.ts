import type { Command } from '../command.js';
import { UsageError } from '../cli-context.js';
import { DRAFT_DAYS, purgeAbandonedDrafts } from '../../modules/questionnaire/purge-drafts.js';

export const draftsCommand: Command = {
  name: 'drafts',
  summary: `delete respondents' drafts untouched for ${DRAFT_DAYS} days (the server also does it every hour)`,
  usage: 'sipas drafts purge',
  options: {},
  run({ positionals }, ctx) {
    if (positionals[0] !== 'purge') throw new UsageError('usage: sipas drafts purge');
    const n = purgeAbandonedDrafts(ctx.db(), ctx.now());
    ctx.io.out(`deleted ${n} abandoned draft${n === 1 ? '' : 's'} (untouched for ${DRAFT_DAYS} days)\n`);
    return 0;
  },
};
