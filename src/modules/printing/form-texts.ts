/** The words printed on a paper form besides the definition's own, in both languages. */
import type { Lang } from '../../i18n/lang.js';
import { defineTexts, textsIn, type Texts } from '../../i18n/texts.js';
export type { Lang };

export const formTexts = defineTexts({
  serial: { vi: 'Số phiếu', en: 'Form no.' },
  accessCode: { vi: 'Mã trả lời trực tuyến', en: 'Online answer code' },
  page: { vi: 'Trang', en: 'Page' },
  question: { vi: 'Câu', en: 'Question' },
  chooseMany: { vi: '(có thể chọn nhiều)', en: '(you may choose several)' },
  specify: { vi: 'Ghi rõ', en: 'Please specify' },
  howTo: {
    vi: 'Đánh dấu X vào ô phù hợp. Muốn sửa: tô kín ô đã đánh dấu rồi đánh dấu ô khác.',
    en: 'Put an X in the box that fits. To correct: fill the marked box completely, then mark another.',
  },
  end: { vi: 'phần kết thúc', en: 'the end of the form' },
  skip: { vi: 'Nếu trả lời {answer}, chuyển sang {target}', en: 'If you answer {answer}, go to {target}' },
});

export type FormTexts = Texts<typeof formTexts>;

export const formTextsIn = (lang: Lang): FormTexts => textsIn(formTexts, lang);

/** "Nếu trả lời Không, chuyển sang Câu 5" */
export function skipInstruction(lang: Lang, answer: string, to: number | 'end'): string {
  const t = formTextsIn(lang);
  return t('skip', { answer, target: to === 'end' ? t('end') : `${t('question')} ${to}` });
}
