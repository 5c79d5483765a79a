import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { openDatabase } from '../../src/db/open-database.js';
import { findAccessCodeByHash } from '../../src/modules/access-codes/access-code-repository.js';
import { hashCode, normaliseCode } from '../../src/modules/access-codes/access-code-format.js';
import type { FormsLayout } from '../../src/modules/printing/form-layout.js';
import { FontsMissing, pdfMeasure } from '../../src/modules/printing/render-forms-pdf.js';
import { tinySurveysDir } from './print-fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const env = { SIPAS_SURVEYS: tinySurveysDir(tmp.dir), SIPAS_DB: join(tmp.dir, 'sipas.db') };

describe('sipas print', () => {
  const out = join(tmp.dir, 'forms.pdf');
  const r = runCli(['print', 'tiny', '--batch', 'HN_01', '--province', '01', '--count', '3', '--out', out], { env });

  it('writes a PDF whose text is the Vietnamese form, with serials, real access codes and skips in words', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Khảo sát nhỏ');
    expect(text).toContain('Mức độ hài lòng');
    expect(text).toContain('Nếu trả lời Không, chuyển sang Câu 8');
    const codes = [...text.matchAll(/Số phiếu: (HN_01-\d{6})\s+Mã trả lời trực tuyến: ([2-9A-Z]{5}-[2-9A-Z]{5})/g)].map((m) => [m[1]!, m[2]!]);
    expect(new Set(codes.map((c) => c[0]))).toEqual(new Set(['HN_01-000001', 'HN_01-000002', 'HN_01-000003']));
    const db = openDatabase(env.SIPAS_DB);
    try {
      for (const [serial, code] of codes) expect(findAccessCodeByHash(db, 'tiny', hashCode(normaliseCode(code!)!))?.serial).toBe(serial);
    } finally {
      db.$client.close();
    }
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes/);
  });

  it('writes forms.layout.json beside it: every page of every serial, every box on its page', () => {
    const layout = JSON.parse(readFileSync(join(tmp.dir, 'forms.layout.json'), 'utf8')) as FormsLayout;
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
    expect(layout.pages).toHaveLength(pdfPages);
    expect(layout.pages.filter((p) => p.page === 1).map((p) => p.serial)).toEqual(['HN_01-000001', 'HN_01-000002', 'HN_01-000003']);
    for (const p of layout.pages) {
      expect(p.size.width).toBeCloseTo(595.28, 1);
      for (const b of p.boxes) {
        expect(b.x).toBeGreaterThan(0);
        expect(b.y).toBeGreaterThan(0);
        expect(b.x + b.w).toBeLessThan(p.size.width);
        expect(b.y + b.h).toBeLessThan(p.size.height);
      }
    }
    expect(layout.pages.flatMap((p) => p.boxes).filter((b) => b.variable === 'Q1')).toHaveLength(3 * 5);
  });

  it('refuses a batch name already used, and an existing output file, with exit 2', () => {
    const again = runCli(['print', 'tiny', '--batch', 'HN_01', '--province', '01', '--count', '1', '--out', join(tmp.dir, 'again.pdf')], { env });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already has a batch named "HN_01"');
    const over = runCli(['print', 'tiny', '--batch', 'HN_02', '--province', '01', '--count', '1', '--out', out], { env });
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('already exists');
  });

  it('says plainly which fonts are missing and how to install them', () => {
    expect(() => pdfMeasure(join(tmp.dir, 'no-fonts'))).toThrow(FontsMissing);
    expect(() => pdfMeasure(join(tmp.dir, 'no-fonts'))).toThrow(/apt-get install fonts-noto-core/);
  });
});
