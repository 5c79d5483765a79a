import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from '../command.js';
import { UsageError } from '../cli-context.js';
import { canSeeProvince } from '../../modules/auth/current-user.js';
import { findUserByUsername, toCurrentUser } from '../../modules/auth/user-repository.js';
import { findBatchByName, findKeyingBatch, insertKeyingBatch } from '../../modules/keying/keying-repository.js';
import { formTemplate } from '../../modules/printing/render-forms-pdf.js';
import type { FormTemplate } from '../../modules/printing/form-layout.js';
import { parseLayoutFile } from '../../modules/scanning/layout-file.js';
import { ScanFileError } from '../../modules/scanning/load-scans.js';
import { scanFiles } from '../../modules/scanning/scan-forms.js';
import { scanProblemText } from '../../modules/scanning/scan-problems.js';

const MAX_FILES = 10_000;
const MAX_LAYOUT_BYTES = 200 * 1024 * 1024;

export const scanCommand: Command = {
  name: 'scan',
  summary: 'read scanned paper forms (PDF, PNG, JPEG, TIFF): confident forms become first entries, the rest wait for review',
  usage: 'sipas scan <survey> <files…> --user NAME --province CODE [--batch NAME] [--layout FILE]',
  options: { batch: { type: 'string' }, layout: { type: 'string' }, user: { type: 'string' }, province: { type: 'string' } },
  async run({ positionals, values }, ctx) {
    const [id, ...files] = positionals;
    if (!id || files.length === 0)
      throw new UsageError('give the survey id and the scan files, e.g. sipas scan sipas-2023 scans/*.pdf --user lan --province 01');
    if (files.length > MAX_FILES) throw new UsageError(`at most ${MAX_FILES} files at once`);
    for (const f of files) if (!existsSync(f)) throw new UsageError(`${f}: no such file`);
    const username = typeof values.user === 'string' ? values.user : '';
    if (!username) throw new UsageError('--user NAME is required: the supervisor the entries are recorded under');
    const survey = ctx.survey(id);
    const db = ctx.db();
    const stored = findUserByUsername(db, username);
    if (!stored || stored.disabledAt !== null) throw new UsageError(`no active user "${username}"`);
    const user = toCurrentUser(stored);
    if (user.role !== 'admin' && user.role !== 'supervisor')
      throw new UsageError(`${username} is ${user.role}; scans are loaded by a supervisor or an administrator`);
    // As for `sipas print` and `sipas codes`: the scans are one province's forms, and the user must work there.
    const province = typeof values.province === 'string' ? values.province.trim() : '';
    if (!survey.places.byCode.has(province))
      throw new UsageError(`--province CODE is required: the province whose forms these are, a code of the ${survey.definition.places} list (e.g. 01)`);
    if (!canSeeProvince(user, province)) throw new UsageError(`${username} does not work on province ${province}`);

    let layout = null;
    if (typeof values.layout === 'string') {
      if (!existsSync(values.layout)) throw new UsageError(`${values.layout}: no such file`);
      if (statSync(values.layout).size > MAX_LAYOUT_BYTES) throw new UsageError(`${values.layout} is larger than 200 MB`);
      const parsed = parseLayoutFile(readFileSync(values.layout, 'utf8'));
      if ('error' in parsed) throw new UsageError(`${values.layout} ${parsed.error}`);
      layout = parsed.layout;
    }
    const batchName = typeof values.batch === 'string' ? values.batch : `${layout?.batch ?? 'SCAN'}_scan`;
    if (!/^[A-Za-z0-9_]{1,46}$/.test(batchName)) throw new UsageError('--batch NAME: letters, digits and _');
    let batch = findBatchByName(db, survey.id, batchName);
    if (batch && batch.kind !== 'keying') throw new UsageError(`batch "${batchName}" is a ${batch.kind} batch; scans go into a keying batch`);
    if (!batch) {
      const batchId = insertKeyingBatch(db, {
        surveyId: survey.id,
        name: batchName,
        province,
        expected: null,
        received: null,
        requiresVerification: false,
        createdBy: user.id,
        at: ctx.now(),
      });
      batch = findKeyingBatch(db, batchId)!;
    }
    if (batch.province !== province) throw new UsageError(`batch "${batchName}" is not a batch of province ${province}`);

    const templates = new Map<string, FormTemplate>();
    let summary;
    try {
      summary = await scanFiles(db, files, {
        survey,
        batch,
        province,
        user,
        layout,
        now: ctx.now,
        template: (lang) => templates.get(lang) ?? templates.set(lang, formTemplate(survey.definition, lang)).get(lang)!,
      });
    } catch (err) {
      if (err instanceof ScanFileError) throw new UsageError(err.message);
      throw err;
    }
    for (const p of summary.problems) ctx.io.err(`${scanProblemText(p, 'en')}\n`);
    ctx.io.out(
      `batch ${batchName}: ${summary.saved} forms saved as first entries, ${summary.review} waiting for review, ${summary.conflicts} conflicts${summary.alreadyScanned > 0 ? `, ${summary.alreadyScanned} scanned before (not read again)` : ''}\n`,
    );
    ctx.io.out(
      `read ${summary.pages} pages, forms ${summary.forms}, marks ${summary.marks}, uncertain ${summary.uncertain}, unreadable ${summary.unreadable}\n`,
    );
    return 0;
  },
};
