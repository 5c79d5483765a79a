import { createWriteStream, existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { SurveyDefinition } from '../definitions/survey-schema.js';
import { A4, layoutForm, MARK_SIZE, type FormTemplate, type LayoutText, type Measure } from './form-layout.js';
import { formTextsIn, type Lang } from './form-texts.js';
import { encodePageIdentity } from './qr-payload.js';

/** Debian's fonts-noto-core: Vietnamese needs a font with its stacked diacritics, embedded in the PDF. */
export const NOTO_DIR = '/usr/share/fonts/truetype/noto';
const fontFiles = { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf', italic: 'NotoSans-Italic.ttf' } as const;

export class FontsMissing extends Error {
  constructor(readonly paths: string[]) {
    super(`the Noto fonts are missing (${paths.join(', ')}); install them with: apt-get install fonts-noto-core`);
    this.name = 'FontsMissing';
  }
}

function fontPaths(dir: string): Record<LayoutText['style'], string> {
  const paths = { regular: `${dir}/${fontFiles.regular}`, bold: `${dir}/${fontFiles.bold}`, italic: `${dir}/${fontFiles.italic}` };
  const missing = Object.values(paths).filter((p) => !existsSync(p));
  if (missing.length > 0) throw new FontsMissing(missing);
  return paths;
}

function registerFonts(doc: PDFKit.PDFDocument, paths: Record<LayoutText['style'], string>): void {
  for (const [style, path] of Object.entries(paths)) doc.registerFont(style, path);
}

/** Text heights from pdfkit's own metrics for the embedded fonts, so the layout matches the print. */
export function pdfMeasure(fontDir = NOTO_DIR): Measure {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  registerFonts(doc, fontPaths(fontDir));
  return (text, size, width, style) => doc.font(style).fontSize(size).heightOfString(text, { width });
}

/** The form's layout for a definition and language, measured with the fonts it is printed in. */
export function formTemplate(definition: SurveyDefinition, lang: Lang, fontDir = NOTO_DIR): FormTemplate {
  return layoutForm(definition, lang, pdfMeasure(fontDir));
}

export interface PrintedForm {
  serial: string;
  code: string;
}

/** Writes one A4 PDF: each form's pages, with its serial, access code, QR code and registration marks. */
export async function writeFormsPdf(
  out: string,
  definition: SurveyDefinition,
  template: FormTemplate,
  forms: readonly PrintedForm[],
  fontDir = NOTO_DIR,
): Promise<void> {
  const paths = fontPaths(fontDir);
  const doc = new PDFDocument({ size: [A4.width, A4.height], autoFirstPage: false, margin: 0, info: { Title: definition.title[template.lang] } });
  registerFonts(doc, paths);
  const done = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(out);
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.pipe(stream);
  });
  const lang = template.lang;
  const t = formTextsIn(lang);
  for (const form of forms) {
    for (const page of template.pages) {
      doc.addPage({ size: [A4.width, A4.height], margin: 0 });
      for (const m of template.marks) doc.rect(m.x - MARK_SIZE / 2, m.y - MARK_SIZE / 2, MARK_SIZE, MARK_SIZE).fill('#000');
      doc.fillColor('#000');
      doc
        .font('bold')
        .fontSize(12)
        .text(definition.title[lang], 50, 44, { width: template.qr.x - 60, lineBreak: true });
      doc
        .font('regular')
        .fontSize(9.5)
        .text(`${t('serial')}: ${form.serial}     ${t('accessCode')}: ${form.code}`, 50, 84, { width: template.qr.x - 60 });
      doc
        .font('regular')
        .fontSize(8)
        .text(`${t('page')} ${page.number}/${template.pages.length}`, 50, A4.height - 34, { width: A4.width - 100, align: 'center' });
      drawQr(
        doc,
        encodePageIdentity({ survey: template.survey, version: template.version, lang, serial: form.serial, code: form.code, page: page.number }),
        template.qr,
      );
      for (const t of page.texts) {
        doc
          .font(t.style)
          .fontSize(t.size)
          .text(t.text, t.x, t.y, { width: t.w, align: t.align ?? 'left' });
      }
      doc.lineWidth(0.8).strokeColor('#000');
      for (const b of page.boxes) doc.rect(b.x, b.y, b.w, b.h).stroke();
    }
  }
  doc.end();
  await done;
}

/** The QR code as vector squares: sharp at any scan resolution, no image to embed. */
function drawQr(doc: PDFKit.PDFDocument, text: string, at: { x: number; y: number; w: number }): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = at.w / (n + 4);
  doc.rect(at.x, at.y, at.w, at.w).fill('#fff');
  doc.fillColor('#000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(at.x + (c + 2) * cell, at.y + (r + 2) * cell, cell, cell);
  }
  doc.fill('#000');
}
