import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { readGrey } from '../helpers/draw-on-page.js';
import { formTemplate, writeFormsPdf } from '../../src/modules/printing/render-forms-pdf.js';
import { decodePageIdentity } from '../../src/modules/printing/qr-payload.js';
import { readQrText } from '../../src/modules/scanning/load-scans.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('readQrText', () => {
  it('reads the printed QR code at 150, 200, 300 and 600 dpi (finer scans averaged down first)', async () => {
    const survey = tinySurvey();
    const pdf = join(tmp.dir, 'form.pdf');
    await writeFormsPdf(pdf, survey.definition, formTemplate(survey.definition, 'vi'), [{ serial: 'QR-000001', code: '2R98F-28V6E' }]);
    for (const dpi of [150, 200, 300, 600]) {
      execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, join(tmp.dir, `p${dpi}`)]);
      const text = readQrText(await readGrey(join(tmp.dir, `p${dpi}.png`)), { x0: 0.6, y0: 0, x1: 1, y1: 0.22 });
      expect(text === null ? null : decodePageIdentity(text), `${dpi} dpi`).toMatchObject({ serial: 'QR-000001', code: '2R98F-28V6E', page: 1 });
    }
  }, 120_000);
});
