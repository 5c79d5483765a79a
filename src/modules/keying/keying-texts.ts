import { type Lang } from '../../i18n/lang.js';
/** Texts of the keying pages, Vietnamese first. */

const messages: Record<string, { vi: string; en: string }> = {
  'first-verified': { vi: 'Đã lưu phiếu {s}.', en: 'Form {s} saved.' },
  'first-incomplete': { vi: 'Đã lưu phiếu {s} là phiếu chưa đầy đủ.', en: 'Form {s} saved as incomplete.' },
  'first-required': {
    vi: 'Đã lưu phiếu {s} (lần nhập 1); phiếu cần một người khác nhập lại để kiểm tra.',
    en: 'Form {s} saved (first entry); another enumerator must key it again to verify.',
  },
  'first-sampled': {
    vi: 'Đã lưu phiếu {s} (lần nhập 1); phiếu được chọn ngẫu nhiên để nhập lại kiểm tra.',
    en: 'Form {s} saved (first entry); it was drawn for verification by a second entry.',
  },
  'second-equal': { vi: 'Phiếu {s}: hai lần nhập khớp nhau, phiếu đã được xác nhận.', en: 'Form {s}: both entries agree; the form is verified.' },
  'second-disagree': {
    vi: 'Phiếu {s}: hai lần nhập khác nhau; giám sát viên sẽ đối chiếu.',
    en: 'Form {s}: the entries differ; a supervisor will compare them.',
  },
  'conflict-keyed_twice': {
    vi: 'Số phiếu {s} đã được dùng trước đó: ghi nhận là xung đột để giám sát viên xử lý, không lưu trùng.',
    en: 'Serial {s} is already in use: recorded as a conflict for the supervisor, not stored twice.',
  },
  'conflict-different_answers': {
    vi: 'Số phiếu {s} đã có trong dữ liệu nhập từ tệp: ghi nhận là xung đột để giám sát viên xử lý.',
    en: 'Serial {s} already came in an imported file: recorded as a conflict for the supervisor.',
  },
  'conflict-answered_online': {
    vi: 'Số phiếu {s} đã được trả lời trực tuyến: ghi nhận là xung đột để giám sát viên xử lý.',
    en: 'Serial {s} was already answered online: recorded as a conflict for the supervisor.',
  },
  'conflict-code_used': {
    vi: 'Mã truy cập của phiếu {s} đã được dùng trực tuyến: ghi nhận là xung đột để giám sát viên xử lý.',
    en: 'The access code of form {s} was used online: recorded as a conflict for the supervisor.',
  },
  'conflict-serial_not_issued': {
    vi: 'Số phiếu {s} không có trong các số phiếu đã phát hành: không lưu, ghi nhận là xung đột để giám sát viên xử lý. Hãy kiểm tra lại số phiếu.',
    en: 'Serial {s} is not among the issued serials: not stored, recorded as a conflict for the supervisor. Check the serial.',
  },
};

/** The line shown above the blank form after a save. */
export function saveMessage(outcome: string, serial: string, lang: Lang): string | null {
  const m = messages[outcome];
  return m ? m[lang].replace('{s}', serial) : null;
}

/** Stable conflict kinds as people read them. */
export function conflictLabel(kind: string, lang: Lang): string {
  const labels: Record<string, { vi: string; en: string }> = {
    keyed_twice: { vi: 'Nhập hai lần', en: 'Keyed twice' },
    different_answers: { vi: 'Đã nhập từ tệp', en: 'Also imported' },
    answered_online: { vi: 'Đã trả lời trực tuyến', en: 'Answered online' },
    code_used: { vi: 'Mã truy cập đã dùng', en: 'Access code used' },
    serial_not_issued: { vi: 'Số phiếu chưa phát hành', en: 'Serial never issued' },
  };
  return labels[kind]?.[lang] ?? kind;
}
