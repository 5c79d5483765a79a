import type { BilingualText, Lang } from '../../i18n/lang.js';
import { defineTexts, textsIn, type TextParams } from '../../i18n/texts.js';

/** The words of this module's pages, Vietnamese first; read by key through `textsIn`. */
export const keyingPageTexts = defineTexts({
  newBatch: { vi: 'Tạo lô phiếu', en: 'New batch' },
  aBatchIsWhatOne: { vi: 'Một lô là những phiếu một bưu cục gửi về cho một tỉnh.', en: 'A batch is what one post office sends back for one province.' },
  survey: { vi: 'Khảo sát', en: 'Survey' },
  batchNamePostOfficeDate: { vi: 'Tên lô (bưu cục gửi, ngày)', en: 'Batch name (post office, date)' },
  provinceCode: { vi: 'Mã tỉnh', en: 'Province code' },
  formsExpected: { vi: 'Số phiếu dự kiến', en: 'Forms expected' },
  formsReceived: { vi: 'Số phiếu đã nhận', en: 'Forms received' },
  everyFormMustBeKeyed: { vi: 'Mọi phiếu phải được nhập hai lần (nhập kiểm tra)', en: 'Every form must be keyed twice (verification)' },
  createBatch: { vi: 'Tạo lô', en: 'Create batch' },
  disagreementsToResolve: { vi: 'Chênh lệch cần đối chiếu', en: 'Disagreements to resolve' },
  noFormNeedsResolving: { vi: 'Không có phiếu nào cần đối chiếu.', en: 'No form needs resolving.' },
  serial: { vi: 'Số phiếu', en: 'Serial' },
  batch: { vi: 'Lô', en: 'Batch' },
  province: { vi: 'Tỉnh', en: 'Province' },
  fieldsThatDiffer: { vi: 'Số trường khác nhau', en: 'Fields that differ' },
  keying: { vi: 'Trang nhập phiếu', en: 'Keying' },
  keyerStatistics: { vi: 'Thống kê người nhập', en: 'Keyer statistics' },
  noFormsKeyedYet: { vi: 'Chưa có phiếu nào được nhập.', en: 'No forms keyed yet.' },
  keyer: { vi: 'Người nhập', en: 'Keyer' },
  forms: { vi: 'Phiếu', en: 'Forms' },
  fields: { vi: 'Trường', en: 'Fields' },
  hours: { vi: 'Giờ', en: 'Hours' },
  minutesFormMedian: { vi: 'Phút/phiếu (trung vị)', en: 'Minutes/form (median)' },
  formsHour: { vi: 'Phiếu/giờ', en: 'Forms/hour' },
  fieldsHour: { vi: 'Trường/giờ', en: 'Fields/hour' },
  disagreements1000Fields: { vi: 'Chênh lệch / 1.000 trường', en: 'Disagreements / 1,000 fields' },
  resolvedAgainst: { vi: 'Bị xác định sai', en: 'Resolved against' },
  reKeyShare: { vi: 'Tỷ lệ nhập lại', en: 'Re-key share' },
  hoursTimeFromOpeningA: {
    vi: 'Giờ: tổng thời gian từ lúc mở phiếu đến lúc lưu, mỗi phiếu tối đa 30 phút. Chênh lệch tính trên các phiếu đã nhập hai lần.',
    en: 'Hours: time from opening a form to saving it, at most 30 minutes per form. Disagreements are counted on forms keyed twice.',
  },
  progressByProvince: { vi: 'Tiến độ các tỉnh', en: 'Progress by province' },
  show: { vi: 'Xem', en: 'Show' },
  batches: { vi: 'Lô', en: 'Batches' },
  sent: { vi: 'Đã gửi', en: 'Sent' },
  returned: { vi: 'Đã nhận về', en: 'Returned' },
  keyed: { vi: 'Đã nhập', en: 'Keyed' },
  verified: { vi: 'Đã xác nhận', en: 'Verified' },
  incomplete: { vi: 'Chưa đầy đủ', en: 'Incomplete' },
  verified2: { vi: '% xác nhận', en: '% verified' },
  keyingPaperForms: { vi: 'Nhập phiếu giấy', en: 'Keying paper forms' },
  keyingPages: { vi: 'Trang nhập phiếu', en: 'Keying pages' },
  serialConflicts: { vi: 'Xung đột số phiếu', en: 'Serial conflicts' },
  qualityFlags: { vi: 'Cảnh báo chất lượng', en: 'Quality flags' },
  batches2: { vi: 'Lô phiếu', en: 'Batches' },
  noBatchesYet: { vi: 'Chưa có lô phiếu nào.', en: 'No batches yet.' },
  expected: { vi: 'Dự kiến', en: 'Expected' },
  received: { vi: 'Đã nhận', en: 'Received' },
  secondEntry: { vi: 'Nhập lại', en: 'Second entry' },
  required: { vi: 'Bắt buộc', en: 'Required' },
  sample: { vi: 'Mẫu ngẫu nhiên', en: 'Sample' },
  keyForms: { vi: 'Nhập phiếu', en: 'Key forms' },
  notAValidValueA: { vi: 'Giá trị không hợp lệ (số nguyên từ 0)', en: 'Not a valid value (a whole number from 0)' },
  chooseASurvey: { vi: 'Chọn một khảo sát', en: 'Choose a survey' },
  theBatchNameSendingPost: { vi: 'Cần nhập tên lô (bưu cục gửi)', en: 'The batch name (sending post office) is required' },
  aBatchWithThisName: { vi: 'Tên lô này đã có', en: 'A batch with this name exists' },
  unknownProvinceCode: { vi: 'Mã tỉnh không có trong danh sách', en: 'Unknown province code' },
  youDoNotWorkOn: { vi: 'Bạn không phụ trách tỉnh này', en: 'You do not work on this province' },
  // The batch page.
  batchTitle: { vi: 'Lô phiếu', en: 'Batch' },
  everyFormKeyedTwice: { vi: 'mọi phiếu được nhập hai lần', en: 'every form is keyed twice' },
  randomShareKeyedTwice: { vi: 'nhập lại kiểm tra một phần ngẫu nhiên', en: 'a random share is keyed twice' },
  keyThisBatch: { vi: 'Nhập phiếu của lô này', en: 'Key forms of this batch' },
  scannedToReview: { vi: 'Phiếu quét chờ xem lại', en: 'Scanned forms to review' },
  expectedSent: { vi: 'Dự kiến (bưu cục gửi)', en: 'Expected (sent by the post office)' },
  awaitingSecondOrSupervisor: { vi: 'Chờ nhập lần 2 hoặc đối chiếu', en: 'Awaiting second entry or a supervisor' },
  incompleteWithReason: { vi: 'Chưa đầy đủ (có lý do)', en: 'Incomplete (with a reason)' },
  updateCounts: { vi: 'Cập nhật số phiếu', en: 'Update counts' },
  loadScans: { vi: 'Nạp phiếu quét', en: 'Load scans' },
  uploadScans: { vi: 'Tải lên tệp quét của lô này', en: 'Upload scan files for this batch' },
  awaitingSecondEntry: { vi: 'Phiếu chờ nhập lần 2', en: 'Forms awaiting their second entry' },
  serialsOnly: {
    vi: 'Chỉ hiện số phiếu: người nhập lần 2 đọc phiếu giấy, không xem lần nhập đầu.',
    en: 'Serial numbers only: the second keyer reads the paper, never the first entry.',
  },
  none: { vi: 'Không có.', en: 'None.' },
  youKeyedFirst: { vi: 'bạn đã nhập lần 1', en: 'you keyed the first entry' },
  conflicts: { vi: 'Xung đột', en: 'Conflicts' },
  kind: { vi: 'Loại', en: 'Kind' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  yes: { vi: 'Có', en: 'Yes' },
  notYet: { vi: 'Chưa', en: 'No' },
  allOpenConflicts: { vi: 'Mọi xung đột chưa xử lý', en: 'All open conflicts' },
  allBatches: { vi: 'Tất cả lô phiếu', en: 'All batches' },
  // One form's disagreements.
  resolveForm: { vi: 'Đối chiếu phiếu', en: 'Resolve form' },
  notResolvedYet: { vi: 'Chưa xác nhận được:', en: 'Not resolved yet:' },
  chooseRightValues: { vi: 'Chọn giá trị đúng cho từng câu khác nhau, rồi', en: 'Choose the right value of each difference, then' },
  verifyTheForm: { vi: 'Xác nhận phiếu', en: 'Verify the form' },
  question: { vi: 'Câu hỏi', en: 'Question' },
  entry1: { vi: 'Lần nhập 1', en: 'Entry 1' },
  entry2: { vi: 'Lần nhập 2', en: 'Entry 2' },
  rightValueOnPaper: { vi: 'Giá trị đúng trên phiếu', en: 'Right value on the paper' },
  anotherValue: { vi: 'Giá trị khác', en: 'Another value' },
  formIsVerified: { vi: 'Phiếu đã được xác nhận.', en: 'The form is verified.' },
  rightValue: { vi: 'Giá trị đúng', en: 'Right value' },
  wrongEntry: { vi: 'Nhập sai', en: 'Wrong entry' },
  questionsBothAgree: { vi: 'Các câu hai lần nhập giống nhau', en: 'Questions both entries agree on' },
  value: { vi: 'Giá trị', en: 'Value' },
  auditTrail: { vi: 'Lịch sử', en: 'Audit trail' },
  formsToResolve: { vi: 'Các phiếu cần đối chiếu', en: 'Forms to resolve' },
  blank: { vi: '(để trống)', en: '(blank)' },
  bothEntries: { vi: 'cả hai lần nhập', en: 'both entries' },
  entryN: { vi: 'lần nhập {n}', en: 'entry {n}' },
  // The keying screen (also the scanned form's review, which keys the same way).
  keyAForm: { vi: 'Nhập phiếu', en: 'Key a form' },
  keyingHelp: {
    vi: 'Gõ mã in trên phiếu; ô tự chuyển khi đủ mã. Tab: ô sau, Shift+Tab: ô trước, Enter: lưu và mở phiếu mới.',
    en: 'Type the code printed on the paper; the cursor moves on when a code is complete. Tab: next, Shift+Tab: back, Enter: save and open the next form.',
  },
  formNotSaved: { vi: 'Phiếu chưa lưu được:', en: 'The form was not saved:' },
  skipped: { vi: 'bỏ qua', en: 'skipped' },
  unusableBecause: { vi: 'Phiếu không dùng được (để ngoài chỉ số), lý do:', en: 'The form cannot be used (left out of the index), because:' },
  notUnusable: { vi: '(không: câu để trống được lưu là thiếu)', en: '(no: blank answers are stored as missing)' },
  saveAndNext: { vi: 'Lưu và nhập phiếu mới (Enter)', en: 'Save and key the next form (Enter)' },
  backToBatch: { vi: 'Về trang lô phiếu', en: 'Back to the batch' },
  notChosen: { vi: 'Không chọn', en: 'Not chosen' },
  chosen: { vi: 'Có chọn', en: 'Chosen' },
  // The line shown above the blank form after a save.
  savedVerified: { vi: 'Đã lưu phiếu {serial}.', en: 'Form {serial} saved.' },
  savedIncomplete: { vi: 'Đã lưu phiếu {serial} là phiếu chưa đầy đủ.', en: 'Form {serial} saved as incomplete.' },
  savedFirstRequired: {
    vi: 'Đã lưu phiếu {serial} (lần nhập 1); phiếu cần một người khác nhập lại để kiểm tra.',
    en: 'Form {serial} saved (first entry); another enumerator must key it again to verify.',
  },
  savedFirstSampled: {
    vi: 'Đã lưu phiếu {serial} (lần nhập 1); phiếu được chọn ngẫu nhiên để nhập lại kiểm tra.',
    en: 'Form {serial} saved (first entry); it was drawn for verification by a second entry.',
  },
  secondAgrees: { vi: 'Phiếu {serial}: hai lần nhập khớp nhau, phiếu đã được xác nhận.', en: 'Form {serial}: both entries agree; the form is verified.' },
  secondDisagrees: {
    vi: 'Phiếu {serial}: hai lần nhập khác nhau; giám sát viên sẽ đối chiếu.',
    en: 'Form {serial}: the entries differ; a supervisor will compare them.',
  },
  conflictKeyedTwice: {
    vi: 'Số phiếu {serial} đã được dùng trước đó: ghi nhận là xung đột để giám sát viên xử lý, không lưu trùng.',
    en: 'Serial {serial} is already in use: recorded as a conflict for the supervisor, not stored twice.',
  },
  conflictImported: {
    vi: 'Số phiếu {serial} đã có trong dữ liệu nhập từ tệp: ghi nhận là xung đột để giám sát viên xử lý.',
    en: 'Serial {serial} already came in an imported file: recorded as a conflict for the supervisor.',
  },
  conflictOnline: {
    vi: 'Số phiếu {serial} đã được trả lời trực tuyến: ghi nhận là xung đột để giám sát viên xử lý.',
    en: 'Serial {serial} was already answered online: recorded as a conflict for the supervisor.',
  },
  conflictCodeUsed: {
    vi: 'Mã truy cập của phiếu {serial} đã được dùng trực tuyến: ghi nhận là xung đột để giám sát viên xử lý.',
    en: 'The access code of form {serial} was used online: recorded as a conflict for the supervisor.',
  },
  conflictNotIssued: {
    vi: 'Số phiếu {serial} không có trong các số phiếu đã phát hành: không lưu, ghi nhận là xung đột để giám sát viên xử lý. Hãy kiểm tra lại số phiếu.',
    en: 'Serial {serial} is not among the issued serials: not stored, recorded as a conflict for the supervisor. Check the serial.',
  },
  // Conflict kinds as the batch page names them.
  kindKeyedTwice: { vi: 'Nhập hai lần', en: 'Keyed twice' },
  kindAlsoImported: { vi: 'Đã nhập từ tệp', en: 'Also imported' },
  kindAnsweredOnline: { vi: 'Đã trả lời trực tuyến', en: 'Answered online' },
  kindCodeUsed: { vi: 'Mã truy cập đã dùng', en: 'Access code used' },
  kindNotIssued: { vi: 'Số phiếu chưa phát hành', en: 'Serial never issued' },
  kindOtherProvince: { vi: 'Mã của tỉnh khác', en: "Another province's code" },
  // Errors.
  noSuchBatch: { vi: 'Không có lô phiếu nào mang số này.', en: 'There is no keying batch with this number.' },
  batchOutsideScope: { vi: 'Lô phiếu này thuộc một tỉnh ngoài phạm vi của bạn.', en: 'This batch belongs to a province you do not work on.' },
  batchSurveyNotLoaded: { vi: 'Khảo sát “{survey}” của lô này chưa được nạp.', en: 'The survey "{survey}" of this batch is not loaded.' },
  countsAreWholeNumbers: { vi: 'Số dự kiến và số đã nhận là số nguyên từ 0.', en: 'Expected and received are whole numbers from 0.' },
  unknownSurvey: { vi: 'Không có khảo sát này.', en: 'Unknown survey.' },
  formOutsideScope: { vi: 'Phiếu này thuộc một tỉnh ngoài phạm vi của bạn.', en: 'This form belongs to a province you do not work on.' },
  noSurveyLoaded: { vi: 'Chưa có khảo sát nào được nạp.', en: 'No survey is loaded.' },
  noKeyedForm: { vi: 'Không có phiếu đã nhập nào mang số phiếu này.', en: 'No keyed form has this serial number.' },
  noOpenDisagreements: { vi: 'Phiếu này không còn chênh lệch nào cần đối chiếu.', en: 'This form has no open disagreements.' },
  responseGone: { vi: 'Phiếu đã lưu của số phiếu này không còn.', en: 'The response of this form is gone.' },
  serialRequired: { vi: 'cần nhập số phiếu', en: 'the serial number is required' },
  batchProvince: { vi: 'lô phiếu này thuộc tỉnh {province}', en: 'this batch belongs to province {province}' },
  placeParentFirst: { vi: 'nhập {above} trước, rồi mới tìm theo tên', en: 'key the {above} first to find a name under it' },
  placeNotFound: { vi: 'không tìm thấy “{written}”', en: '“{written}” not found' },
  placeSeveral: { vi: 'nhiều kết quả: {list}', en: 'several match: {list}' },
  wholeCountry: { vi: 'Toàn quốc', en: 'Whole country' },
  noProvince: { vi: 'Chưa rõ tỉnh', en: 'No province' },
  pickOrType: { vi: 'chọn một trong hai giá trị hoặc nhập giá trị đúng', en: 'pick one of the two values or type the right one' },
});

export type KeyingText = keyof typeof keyingPageTexts;

/** A problem's message in both languages, each filled with its own language's words (a question's label). */
export function keyingMessage(key: KeyingText, params: (lang: Lang) => TextParams): BilingualText {
  return { vi: textsIn(keyingPageTexts, 'vi')(key, params('vi')), en: textsIn(keyingPageTexts, 'en')(key, params('en')) };
}

/** The save's outcome code (carried in the redirect) and the line it shows. */
const saveMessages: ReadonlyMap<string, KeyingText> = new Map([
  ['first-verified', 'savedVerified'],
  ['first-incomplete', 'savedIncomplete'],
  ['first-required', 'savedFirstRequired'],
  ['first-sampled', 'savedFirstSampled'],
  ['second-equal', 'secondAgrees'],
  ['second-disagree', 'secondDisagrees'],
  ['conflict-keyed_twice', 'conflictKeyedTwice'],
  ['conflict-different_answers', 'conflictImported'],
  ['conflict-answered_online', 'conflictOnline'],
  ['conflict-code_used', 'conflictCodeUsed'],
  ['conflict-serial_not_issued', 'conflictNotIssued'],
]);

/** The line shown above the blank form after a save; null for an outcome this page does not know (it comes from the address). */
export function saveMessage(outcome: string, serial: string, lang: Lang): string | null {
  const key = saveMessages.get(outcome);
  return key ? textsIn(keyingPageTexts, lang)(key, { serial }) : null;
}

const conflictKinds: ReadonlyMap<string, KeyingText> = new Map([
  ['keyed_twice', 'kindKeyedTwice'],
  ['different_answers', 'kindAlsoImported'],
  ['answered_online', 'kindAnsweredOnline'],
  ['code_used', 'kindCodeUsed'],
  ['serial_not_issued', 'kindNotIssued'],
  ['code_province', 'kindOtherProvince'],
]);

/** A stored conflict kind as the batch page names it. */
export function conflictLabel(kind: string, lang: Lang): string {
  const key = conflictKinds.get(kind);
  return key ? textsIn(keyingPageTexts, lang)(key) : kind;
}
