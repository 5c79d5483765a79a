import { describe, expect, it } from 'vitest';
import { sampleAccounting } from '../sample/response-rates.js';
import { sampleStamp, sampleSummaryText, type MethodStamp } from './method-stamp.js';

/** Only the parts the summary reads: the sample and the open-link answers. */
function stamp(issued: number, open: { included: boolean; answers: number } | undefined): MethodStamp {
  const accounting = sampleAccounting([
    {
      batchId: 1,
      batch: 'B1',
      province: '01',
      issued,
      returnedByPost: 575,
      answeredOnline: 300,
      complete: 800,
      partial: 50,
      pending: 25,
      notReturned: issued - 875,
    },
  ]);
  return { sample: sampleStamp(accounting), responses: { open } } as unknown as MethodStamp;
}

describe('the sample summary below the terminal ranking', () => {
  it('says the sample, its response rates and the open-link answers in the language asked, numbers written the language’s way', () => {
    expect(sampleSummaryText(stamp(1200, { included: false, answers: 2 }), 'vi')).toBe(
      'Mẫu: 1.200 phiếu phát hành, 575 gửi lại qua bưu điện, 300 trả lời trực tuyến, 50 chưa đầy đủ, 25 chờ kiểm tra, 325 chưa gửi lại; tỷ lệ trả lời AAPOR RR1 66.7%, RR2 70.8%\n' +
        'Không tính 2 phiếu trả lời qua đường dẫn mở (ngoài mẫu; tính thêm bằng --include-open)\n',
    );
    expect(sampleSummaryText(stamp(1200, { included: true, answers: 2 }), 'en')).toBe(
      'Sample: 1,200 forms issued, 575 returned by post, 300 answered online, 50 incomplete, 25 awaiting checks, 325 not returned; AAPOR response rate RR1 66.7%, RR2 70.8%\n' +
        '2 open-link answers (outside the sample) included (--include-open)\n',
    );
  });

  it('says when no form was issued, and nothing of open-link answers when there are none', () => {
    expect(sampleSummaryText(stamp(0, { included: false, answers: 0 }), 'vi')).toBe('Mẫu: chưa phát hành phiếu nào (sipas codes)\n');
    expect(sampleSummaryText(stamp(0, undefined), 'en')).toBe('Sample: no forms issued yet (sipas codes)\n');
  });
});
