import type { FlagKind } from './quality-flag.js';
import { flagKinds } from './quality-flag.js';
import type { FlagStatus, StoredFlag } from './quality-repository.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';
import type { Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { qualityPageTexts, type QualityText } from './quality-texts.js';

/** What people see of quality flags, in Vietnamese and English: labels, evidence in words, the CLI's table and CSV. Pure. */

export type { Lang };

const kindTexts = {
  straightline: 'kindStraightline',
  duplicate: 'kindDuplicate',
  'fast-keying': 'kindFastKeying',
  speeder: 'kindSpeeder',
  nonresponse: 'kindNonresponse',
} as const satisfies Record<FlagKind, QualityText>;
const statusTexts = { open: 'statusOpen', confirmed: 'statusConfirmed', dismissed: 'statusDismissed' } as const satisfies Record<FlagStatus, QualityText>;

/** A flag's kind in words. */
export const kindLabel = (kind: FlagKind, lang: Lang): string => textsIn(qualityPageTexts, lang)(kindTexts[kind]);
/** Where a supervisor's decision on a flag stands, in words. */
export const statusLabel = (status: FlagStatus, lang: Lang): string => textsIn(qualityPageTexts, lang)(statusTexts[status]);

const num = (x: unknown, digits: number, lang: Lang): string =>
  typeof x === 'number' && Number.isFinite(x)
    ? x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';
const pct = (x: unknown, lang: Lang): string => `${num(typeof x === 'number' ? x * 100 : x, 0, lang)}%`;
const str = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x) : '–');

/** The evidence of a flag as one sentence a supervisor can check against the paper. */
export function evidenceText(kind: FlagKind, e: Record<string, unknown>, lang: Lang): string {
  const t = textsIn(qualityPageTexts, lang);
  // Numbers arrive formatted (fixed decimals), so the lookup fills them in as they are.
  switch (kind) {
    case 'straightline':
      return e.rule === 'matrix'
        ? t('evidenceMatrix', { code: str(e.code), items: str(e.items), question: str(e.question) })
        : t('evidenceSameCode', { code: str(e.code), same: str(e.same), answered: str(e.answered), share: pct(e.share, lang) });
    case 'duplicate': {
      const pair = (e.pair ?? {}) as { serial?: unknown; responseId?: unknown };
      const other = typeof pair.serial === 'string' ? pair.serial : `#${str(pair.responseId)}`;
      return t('evidenceDuplicate', { other, equal: str(e.equal), compared: str(e.compared), share: pct(e.share, lang), expected: pct(e.expectedShare, lang) });
    }
    case 'fast-keying':
      return e.rule === 'keyer-disagreement'
        ? t('evidenceKeyerDisagreement', {
            enumerator: str(e.enumerator),
            per1000: num(e.per1000, 1, lang),
            colleagues: num(e.colleaguesMedianPer1000, 1, lang),
            z: num(e.z, 1, lang),
          })
        : t('evidenceFastKeying', {
            enumerator: str(e.enumerator),
            perField: num(e.secondsPerField, 2, lang),
            fields: str(e.fields),
            seconds: num(e.seconds, 0, lang),
            median: num(e.medianSecondsPerField, 2, lang),
            z: num(e.z, 1, lang),
          });
    case 'speeder':
      return t('evidenceSpeeder', {
        perItem: num(e.secondsPerItem, 2, lang),
        answered: str(e.answered),
        seconds: num(e.seconds, 0, lang),
        median: num(e.medianSecondsPerItem, 2, lang),
        z: num(e.z, 1, lang),
      });
    case 'nonresponse':
      return t('evidenceNonresponse', {
        blank: str(e.blank),
        asked: str(e.asked),
        share: pct(e.share, lang),
        expected: num(e.provinceExpected, 1, lang),
      });
  }
}

export interface FlagRow {
  id: number;
  kind: FlagKind;
  kindLabel: string;
  serial: string;
  province: string;
  batch: string;
  evidence: string;
  status: FlagStatus;
  statusLabel: string;
  note: string;
  decided: string;
  open: boolean;
}

/** The page's rows: labels and evidence in the page's language. */
export function flagRows(flags: readonly StoredFlag[], lang: Lang, provinceName: (code: string) => string): FlagRow[] {
  return flags.map((f) => ({
    id: f.id,
    kind: f.kind,
    kindLabel: kindLabel(f.kind, lang),
    serial: f.serial ?? (f.responseId === null ? '' : `#${f.responseId}`),
    province: f.province === null ? '' : provinceName(f.province),
    batch: f.batchName ?? '',
    evidence: evidenceText(f.kind, f.evidence, lang),
    status: f.status,
    statusLabel: statusLabel(f.status, lang),
    note: f.note ?? '',
    decided: f.decidedAt === null ? '' : `${f.decidedBy ?? ''} · ${vietnamTime(f.decidedAt)}`,
    open: f.status === 'open',
  }));
}

/** The JSON shape: { flags: [{ serial, responseId, kind, score, evidence, status }] }. */
export function flagsJson(flags: readonly StoredFlag[]): string {
  return `${JSON.stringify({ flags: flags.map((f) => ({ serial: f.serial, responseId: f.responseId, kind: f.kind, score: f.score, evidence: f.evidence, status: f.status })) }, null, 2)}\n`;
}

/** A cell a spreadsheet would run as a formula (=, +, −, @, tab, CR first) gets a leading apostrophe. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const csvCell = (c: string): string => {
  const safe = neutralise(c);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV for a spreadsheet: a BOM, one flag a line, the evidence in words (Vietnamese unless told). */
export function flagsCsv(flags: readonly StoredFlag[], lang: Lang): string {
  const head =
    lang === 'vi'
      ? ['so_phieu', 'ma_phan_hoi', 'loai', 'diem', 'tinh', 'lo', 'trang_thai', 'bang_chung']
      : ['serial', 'response_id', 'kind', 'score', 'province', 'batch', 'status', 'evidence'];
  const lines = [head.join(',')];
  for (const f of flags)
    lines.push(
      [
        f.serial ?? '',
        f.responseId === null ? '' : String(f.responseId),
        f.kind,
        String(Math.round(f.score * 10000) / 10000),
        f.province ?? '',
        f.batchName ?? '',
        f.status,
        evidenceText(f.kind, f.evidence, lang),
      ]
        .map((c) => (/^-\d+(\.\d+)?$/.test(c) ? c : csvCell(c)))
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A plain-text table for the terminal: counts by kind, then the flags. */
export function flagsTable(flags: readonly StoredFlag[], lang: Lang): string {
  const counts = flagKinds.map((k) => `${kindLabel(k, lang)}: ${flags.filter((f) => f.kind === k).length}`).join(' · ');
  const rows = flags.map((f) => [f.serial ?? '–', f.kind, f.province ?? '–', statusLabel(f.status, lang), evidenceText(f.kind, f.evidence, lang)]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), 4));
  return `${counts}\n${rows.map((r) => r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell)).join('  ')).join('\n')}${rows.length ? '\n' : ''}`;
}
