/**
 * Each rule of the index with where it comes from: a public MoHA document (the decision that
 * approved the method, the published form, the annual SIPAS reports), another public source, or,
 * said plainly, this engine's own assumption. The product cites only public documents.
 */
import type { Lang } from '../../i18n/lang.js';
import { defineTexts, textsIn } from '../../i18n/texts.js';
import type { MethodStamp } from '../results/method-stamp.js';

export const methodSourceTexts = defineTexts({
  publicSource: { vi: 'Nguồn công khai', en: 'Public source' },
  assumption: { vi: 'Giả định của hệ thống', en: 'This engine’s assumption' },
  structureRule: {
    vi: 'Các yếu tố, nhóm nội dung và câu hỏi của phiếu',
    en: 'The elements, groups of items and questions of the form',
  },
  structureSource: {
    vi: 'Phương pháp đo lường sự hài lòng do Bộ Nội vụ phê duyệt tại Quyết định {decision} và phiếu khảo sát kèm theo.',
    en: 'The satisfaction measurement method approved by the Ministry of Home Affairs in Decision {decision}, and its survey form.',
  },
  structureSourceUnknown: {
    vi: 'Phiếu khảo sát của định nghĩa khảo sát (định nghĩa không nêu quyết định phê duyệt).',
    en: 'The survey form of the definition (the definition names no approving decision).',
  },
  percentRule: { vi: 'Mỗi chỉ số là một tỷ lệ phần trăm', en: 'Every index is a percentage' },
  percentSource: {
    vi: 'Báo cáo Chỉ số SIPAS hằng năm của Bộ Nội vụ công bố mọi chỉ số dưới dạng tỷ lệ % (tỷ lệ hài lòng, tỷ lệ nhận định tích cực, tỷ lệ mong đợi).',
    en: 'The Ministry of Home Affairs’ annual SIPAS reports publish every index as a percentage (share satisfied, share giving the positive judgement, share expecting improvement).',
  },
  itemRule: {
    vi: 'Chỉ số một nội dung hài lòng = tỷ lệ trả lời 4 (Hài lòng) hoặc 5 (Rất hài lòng) trên số trả lời hợp lệ',
    en: 'An item’s satisfaction index = share answering 4 (Satisfied) or 5 (Very satisfied) among valid answers',
  },
  itemSource: {
    vi: 'Thang 5 mức lấy từ phiếu của Bộ Nội vụ; cách tính chi tiết không được công bố.',
    en: 'The 5-point scale is the Ministry’s form; the detailed computation is not published.',
  },
  blankRule: {
    vi: 'Câu bỏ trống hoặc không được hỏi không tính vào mẫu số của câu đó; phiếu vẫn được dùng',
    en: 'A blank or skipped answer drops out of that item’s denominator; the form is still used',
  },
  blankSource: {
    vi: 'Bộ Nội vụ báo cáo số “phiếu hợp lệ” nhưng không công bố quy tắc phiếu hợp lệ.',
    en: 'The Ministry reports “valid forms” but publishes no rule for them.',
  },
  judgementRule: {
    vi: 'Chỉ số nhận định = tỷ lệ chọn phương án tích cực; chỉ số mong đợi = tỷ lệ chọn “Rất nhiều” hoặc “Nhiều”',
    en: 'Judgement index = share choosing the positive option; expectation index = share choosing “Very much” or “Much”',
  },
  judgementSource: {
    vi: 'Báo cáo SIPAS của Bộ Nội vụ công bố các chỉ số này dưới dạng tỷ lệ người trả lời chọn phương án đó; các phương án lấy từ phiếu.',
    en: 'The Ministry’s SIPAS reports publish these as the share of respondents choosing the option; the options are the form’s.',
  },
  groupRule: { vi: 'Chỉ số yếu tố (nhóm) = trung bình các nội dung của yếu tố', en: 'An element’s (group’s) index = mean of its items' },
  headlineComponents: {
    vi: 'Chỉ số chung = trung bình chỉ số hài lòng về chính sách và chỉ số hài lòng về dịch vụ',
    en: 'Headline = mean of the policy satisfaction index and the service satisfaction index',
  },
  headlineElements: { vi: 'Chỉ số chung = trung bình các yếu tố', en: 'Headline = mean of the elements' },
  headlineSource: {
    vi: 'Bộ Nội vụ không công bố công thức; giá trị công bố năm 2024 (chính sách 83,84%, dịch vụ 84,09%, chung 83,94%) chỉ khớp gần đúng.',
    en: 'The Ministry publishes no formula; its 2024 values (policy 83.84%, services 84.09%, overall 83.94%) fit only approximately.',
  },
  nationalMean: { vi: 'Giá trị cả nước = trung bình các tỉnh', en: 'National value = mean of the provinces' },
  nationalPooled: { vi: 'Giá trị cả nước = gộp mọi phiếu', en: 'National value = pooled over all responses' },
  nationalSource: {
    vi: 'Bộ Nội vụ công bố “trung bình cả nước” nhưng không nêu cách tính.',
    en: 'The Ministry publishes a “national average” but does not say how it is computed.',
  },
  weightsRule: { vi: 'Không gia trọng, trừ khi người phân tích chọn', en: 'Unweighted unless the analyst chooses weights' },
  weightsSource: {
    vi: 'Không có văn bản công khai nào nói chỉ số SIPAS có gia trọng.',
    en: 'No public document says SIPAS weights its answers.',
  },
  uncertaintyRule: {
    vi: 'Sai số chuẩn, khoảng tin cậy 95% và khoảng hạng',
    en: 'Standard errors, 95% confidence intervals and rank ranges',
  },
  uncertaintySource: {
    vi: 'Bộ Nội vụ không công bố sai số; hệ thống tính như gói survey của R (T. Lumley), một phần mềm công khai, để người đọc biết hạng nào khác nhau thật.',
    en: 'The Ministry publishes no uncertainty; the engine computes it as R’s survey package (T. Lumley), public software, does, so readers know which ranks truly differ.',
  },
  placesRule: { vi: 'Danh sách và mã tỉnh', en: 'The list and codes of provinces' },
  placesSource: {
    vi: 'Nghị quyết 202/2025/QH15 của Quốc hội (34 tỉnh, thành phố từ 1/7/2025) và Quyết định 19/2025/QĐ-TTg (mã); trước đó Quyết định 124/2004/QĐ-TTg (63 tỉnh, thành phố).',
    en: 'National Assembly Resolution 202/2025/QH15 (34 provinces from 1 July 2025) and Decision 19/2025/QĐ-TTg (codes); before, Decision 124/2004/QĐ-TTg (63 provinces).',
  },
});

export interface SourcedRule {
  rule: string;
  /** 'public' when a public document states it; 'assumption' when this engine chose it. */
  basis: 'public' | 'assumption';
  basisLabel: string;
  source: string;
}

/** The decision that approved the form, as the definition's source names it ("1001/QĐ-BNV"); null when it names none. */
export function approvingDecision(source: string | undefined): string | null {
  return /\b(\d+\/QĐ-BNV)\b/.exec(source ?? '')?.[1] ?? null;
}

export function methodSources(stamp: MethodStamp, decision: string | null, lang: Lang): SourcedRule[] {
  const t = textsIn(methodSourceTexts, lang);
  const row = (rule: string, basis: SourcedRule['basis'], source: string): SourcedRule => ({
    rule,
    basis,
    basisLabel: t(basis === 'public' ? 'publicSource' : 'assumption'),
    source,
  });
  return [
    row(t('structureRule'), 'public', decision ? t('structureSource', { decision }) : t('structureSourceUnknown')),
    row(t('percentRule'), 'public', t('percentSource')),
    row(t('judgementRule'), 'public', t('judgementSource')),
    row(t('placesRule'), 'public', t('placesSource')),
    row(t('itemRule'), 'assumption', t('itemSource')),
    row(t('blankRule'), 'assumption', t('blankSource')),
    row(t('groupRule'), 'assumption', t('headlineSource')),
    row(t(stamp.rules.headline.of === 'components' ? 'headlineComponents' : 'headlineElements'), 'assumption', t('headlineSource')),
    row(t(stamp.national === 'pooled' ? 'nationalPooled' : 'nationalMean'), 'assumption', t('nationalSource')),
    row(t('weightsRule'), 'assumption', t('weightsSource')),
    row(t('uncertaintyRule'), 'assumption', t('uncertaintySource')),
  ];
}
