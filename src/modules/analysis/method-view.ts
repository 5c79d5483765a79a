import type { MethodStamp } from '../results/method-stamp.js';
import type { DesignSource } from '../results/sampling-design.js';
import { formatNumber } from '../results/round-half-away.js';
import { type BilingualText, type Lang } from '../../i18n/lang.js';
import { percent } from '../sample/sample-view.js';
import { groupingLabel, statusLabel } from '../staff/value-labels.js';
import { methodSources, type SourcedRule } from './method-sources.js';

const kindLabel = {
  satisfaction: { vi: 'hài lòng', en: 'satisfaction' },
  judgement: { vi: 'nhận định', en: 'judgement' },
  expectation: { vi: 'mong đợi', en: 'expectation' },
} as const;

export interface MethodSection {
  title: string;
  facts: { label: string; value: string }[];
}

export interface MethodView {
  note: string | null;
  rules: SourcedRule[];
  sections: MethodSection[];
  elements: { id: string; label: string; items: { id: string; kind: string; variable: string; positive: string }[] }[];
  components: { id: string; label: string; elements: string }[];
}

const T =
  (lang: Lang) =>
  (vi: string, en: string): string =>
    lang === 'vi' ? vi : en;

function sourceLabel(source: DesignSource, t: (vi: string, en: string) => string): string {
  return {
    definition: t('định nghĩa khảo sát', 'the survey definition'),
    option: t('tùy chọn của người chạy', 'an option of the run'),
    'weights-file': t('tệp dân số (trọng số thiết kế)', 'the population file (design weights)'),
    none: t('không có', 'none'),
  }[source];
}

/**
 * The method page: the scoring rules, weighting, design and data stamp stored with the numbers
 * shown — read from the run's stamp, never from the current definition, so a published wave
 * shows the rules it was computed with.
 */
/**
 * `note` is the scoring note of the run's definition as loaded now: a published version's
 * documentation may have been mended since the run (its stamp keeps the text of the day).
 */
export function methodView(stamp: MethodStamp, lang: Lang, decision: string | null = null, note?: BilingualText | null): MethodView {
  const t = T(lang);
  const w = stamp.weighting;
  const kind = {
    none: t('Không gia trọng (mỗi phiếu trọng số 1)', 'Unweighted (each response weighs 1)'),
    design: t('Trọng số thiết kế (dân số ÷ mẫu mỗi tầng)', 'Design weights (population ÷ sample per stratum)'),
    poststratify: t('Hậu phân tầng', 'Post-stratification'),
    rake: t('Cân chỉnh biên (raking)', 'Raking to margins'),
  }[w.kind];
  const rules = stamp.rules;
  const indicators = new Map(rules.indicators.map((i) => [i.id, i]));
  return {
    note: (note ?? rules.note)?.[lang] ?? null,
    rules: methodSources(stamp, decision, lang),
    elements: rules.elements.map((e) => ({
      id: e.id,
      label: e.label[lang],
      items: e.indicators.map((id) => {
        const i = indicators.get(id);
        return {
          id,
          kind: i ? kindLabel[i.kind][lang] : '',
          variable: i?.variable ?? '',
          positive: i?.method === 'mean' ? t('trung bình', 'mean') : (i?.positive ?? []).join(', '),
        };
      }),
    })),
    components: rules.components.map((c) => ({ id: c.id, label: c.label[lang], elements: c.elements.join(', ') })),
    sections: [
      {
        title: t('Quy tắc tính', 'Rules'),
        facts: [
          {
            label: t('Chỉ số chung là trung bình của', 'Headline is the mean of'),
            value: rules.headline.of === 'components' ? t('các hợp phần', 'the components') : t('các yếu tố', 'the elements'),
          },
          {
            label: t('Giá trị cả nước', 'National value'),
            value: stamp.national === 'pooled' ? t('gộp mọi phiếu', 'pooled over all responses') : t('trung bình các tỉnh', 'mean of the provinces'),
          },
          {
            label: t('Khoảng tin cậy 95%', '95% confidence interval'),
            value: stamp.interval === 'beta' ? 'Korn–Graubard (beta)' : t('logit (như svyciprop)', 'logit (as svyciprop)'),
          },
          { label: t('Nhóm theo', 'Grouped by'), value: groupingLabel(stamp.grouping, lang) },
        ],
      },
      {
        title: t('Trọng số và thiết kế mẫu', 'Weights and design'),
        facts: [
          { label: t('Gia trọng', 'Weighting'), value: kind },
          { label: t('Tệp', 'Files'), value: w.files.length ? w.files.map((f) => `${f} (sha256 ${(w.fileHashes[f] ?? '').slice(0, 12)})`).join('; ') : '—' },
          { label: t('Tổng trọng số', 'Sum of weights'), value: formatNumber(w.weightSum, lang) },
          {
            label: t('Trọng số nhỏ nhất – lớn nhất', 'Smallest – largest weight'),
            value: `${formatNumber(w.minWeight, lang, 4)} – ${formatNumber(w.maxWeight, lang, 4)}`,
          },
          {
            label: t('Tầng', 'Strata'),
            value: `${stamp.design.strata ?? (w.kind === 'design' ? t('theo tệp dân số', 'from the population file') : '—')} (${w.strata})`,
          },
          { label: t('Cụm (PSU)', 'Clusters (PSUs)'), value: `${stamp.design.cluster ?? t('từng phiếu', 'each response')} (${w.psus})` },
          {
            label: t('Thiết kế lấy từ', 'Design taken from'),
            value: stamp.design.from
              ? `${t('tầng', 'strata')}: ${sourceLabel(stamp.design.from.strata, t)}; ${t('cụm', 'clusters')}: ${sourceLabel(stamp.design.from.cluster, t)}`
              : t('tùy chọn của lần chạy', 'the options of the run'),
          },
          { label: t('Bậc tự do', 'Degrees of freedom'), value: String(w.degreesOfFreedom) },
          { label: t('Tầng chỉ có một PSU', 'Strata with a single PSU'), value: String(w.lonelyStrata) },
        ],
      },
      ...(stamp.sample
        ? [
            {
              title: t('Mẫu và tỷ lệ trả lời (AAPOR)', 'Sample and response rates (AAPOR)'),
              facts: [
                { label: t('Phiếu phát hành', 'Forms issued'), value: String(stamp.sample.total.issued) },
                { label: t('Gửi lại qua bưu điện', 'Returned by post'), value: String(stamp.sample.total.returnedByPost) },
                { label: t('Trả lời trực tuyến', 'Answered online'), value: String(stamp.sample.total.answeredOnline) },
                { label: t('Chưa đầy đủ', 'Incomplete'), value: String(stamp.sample.total.partial) },
                { label: t('Chờ kiểm tra', 'Awaiting checks'), value: String(stamp.sample.total.pending) },
                { label: t('Chưa gửi lại', 'Not returned'), value: String(stamp.sample.total.notReturned) },
                { label: t('RR1 = đầy đủ ÷ phát hành', 'RR1 = complete ÷ issued'), value: percent(stamp.sample.total.rr1, lang) },
                {
                  label: t('RR2 = (đầy đủ + chưa đầy đủ) ÷ phát hành', 'RR2 = (complete + incomplete) ÷ issued'),
                  value: percent(stamp.sample.total.rr2, lang),
                },
              ],
            },
          ]
        : []),
      {
        title: t('Dữ liệu', 'Data'),
        facts: [
          { label: t('Khảo sát', 'Survey'), value: `${stamp.survey.id} ${stamp.survey.version}` },
          { label: t('Mã băm định nghĩa', 'Definition hash'), value: stamp.survey.definitionHash },
          { label: t('Số phiếu dùng', 'Responses used'), value: String(stamp.responses.used) },
          { label: t('Trạng thái được tính', 'Statuses counted'), value: stamp.responses.statuses.map((x) => statusLabel(x, lang)).join(', ') },
          {
            label: t('Phiếu qua đường dẫn mở (ngoài mẫu)', 'Open-link answers (outside the sample)'),
            value: !stamp.responses.open
              ? '—'
              : stamp.responses.open.included
                ? t(`đã tính ${stamp.responses.open.answers} phiếu`, `${stamp.responses.open.answers} included`)
                : t(`không tính (${stamp.responses.open.answers} phiếu)`, `left out (${stamp.responses.open.answers})`),
          },
          { label: t('Phạm vi tỉnh', 'Provinces'), value: stamp.responses.provinces === null ? t('tất cả', 'all') : stamp.responses.provinces.join(', ') },
          { label: t('Mã băm dữ liệu (SHA-256)', 'Data hash (SHA-256)'), value: stamp.responses.dataHash },
          { label: t('Tính lúc', 'Computed at'), value: stamp.computedAt },
          { label: t('Phần mềm', 'Engine'), value: `${stamp.engine.name} ${stamp.engine.version}` },
        ],
      },
    ],
  };
}
