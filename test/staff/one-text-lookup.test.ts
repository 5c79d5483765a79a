import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/test-app.js';

/**
 * Decision 0018: a text a person sees is looked up one way, through a module's `defineTexts`
 * table. This guard fails when a text is chosen by the language in code instead:
 * `lang === 'vi' ? 'Toàn quốc' : 'Whole country'`, an older table shaped
 * `{ vi: { … }, en: { … } }`, or a table's entry picked by hand (`staffTexts.signOut[lang]`). A ternary on the language that picks no words (a locale, a
 * `?lang=en` suffix, a decimal comma, a place's nameVi/nameEn) is not a text and passes.
 */

/** Words, not a code: a space or a letter outside ASCII ("Toàn quốc", "small n", "Mẫu: …"). */
const isWords = (text: string): boolean => /\s|[^ -~]/.test(text);

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext) && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f).replaceAll('\\', '/'));
}

/** Something called lang: `lang`, `input.lang`, `pageLang`. */
const isLang = (e: ts.Expression): boolean => (ts.isIdentifier(e) && /lang$/i.test(e.text)) || (ts.isPropertyAccessExpression(e) && /lang$/i.test(e.name.text));

/** `lang === 'vi'`, `input.lang !== 'en'`, `'en' == lang`: a comparison of something called lang with a language. */
function isLangTest(node: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (!ts.isBinaryExpression(node)) return false;
  const op = node.operatorToken.kind;
  if (
    ![
      ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.EqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken,
    ].includes(op)
  )
    return false;
  const language = (e: ts.Expression): boolean => ts.isStringLiteral(e) && (e.text === 'vi' || e.text === 'en');
  return (isLang(node.left) && language(node.right)) || (isLang(node.right) && language(node.left));
}

/** The literal words in a branch: strings and the fixed parts of template literals, at any depth. */
function wordsIn(node: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      if (isWords(n.text)) out.push(n.text);
    }
    n.forEachChild(visit);
  };
  visit(node);
  return out;
}

const propertyName = (p: ts.ObjectLiteralElementLike): string | null =>
  ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;

/** Every text chosen by the language in one TypeScript source, as `line: code`. */
function textsChosenByLanguage(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node): string => `${fileName}:${file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1}: ${n.getText(file).slice(0, 100)}`;
  const visit = (n: ts.Node): void => {
    if (ts.isConditionalExpression(n) && isLangTest(n.condition) && wordsIn(n.whenTrue).length + wordsIn(n.whenFalse).length > 0) found.push(at(n));
    // `staffTexts.signOut[lang]`, `responseTexts[done].en`: an entry picked by hand instead of through textsIn.
    const table = (e: ts.Expression): boolean =>
      (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) && ts.isIdentifier(e.expression) && /Texts$/.test(e.expression.text);
    if (ts.isElementAccessExpression(n) && table(n.expression) && isLang(n.argumentExpression)) found.push(at(n));
    if (ts.isPropertyAccessExpression(n) && table(n.expression) && (n.name.text === 'vi' || n.name.text === 'en')) found.push(at(n));
    if (ts.isObjectLiteralExpression(n)) {
      const nested = (name: string): boolean =>
        n.properties.some((p) => propertyName(p) === name && ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer));
      if (nested('vi') && nested('en')) found.push(at(n));
    }
    n.forEachChild(visit);
  };
  visit(file);
  return found;
}

/** In a view: `lang === 'en' ? 'Save' : 'Lưu'` written in a scriptlet. */
const VIEW_TERNARY = /\blang\s*[!=]==?\s*'(?:vi|en)'\s*\?\s*(['"`])((?:(?!\1).)*)\1\s*:\s*(['"`])((?:(?!\3).)*)\3/g;

describe('one way to look up a text', () => {
  it('no text in src is chosen by a ternary on the language, kept in a { vi: {…}, en: {…} } table or picked from a table by hand', () => {
    const found = filesUnder('src', '.ts').flatMap((f) => textsChosenByLanguage(f, readFileSync(join(repoRoot, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('no view picks its words with a ternary on the language', () => {
    const found = filesUnder('views', '.ejs').flatMap((f) =>
      [...readFileSync(join(repoRoot, f), 'utf8').matchAll(VIEW_TERNARY)].filter((m) => isWords(m[2]!) || isWords(m[4]!)).map((m) => `${f}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('the guard sees the shapes it is for, and lets codes, suffixes and place names through', () => {
    const planted = [
      "const a = lang === 'vi' ? 'Toàn quốc' : 'Whole country';",
      "const b = input.lang !== 'en'\n  ? `Mẫu: ${n} phiếu`\n  : `Sample: ${n} forms`;",
      "const c = lang === 'vi' ? ['Hạng', 'n'] : ['Rank', 'n'];",
      "const d = { vi: { save: 'Lưu' }, en: { save: 'Save' } };",
      "const e = lang === 'en' ? 'National' : results.pooled ? 'Chung' : 'Toàn quốc';",
      'const f = staffTexts.signOut[lang];',
      'const g = responseTexts[done][input.lang];',
      'const h = staffTexts.menuLabel.vi;',
    ];
    expect(planted.map((code) => textsChosenByLanguage('planted.ts', code).length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    const fine = [
      "const a = lang === 'en' ? '?lang=en' : '';",
      "const b = x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');",
      "const c = lang === 'vi' ? p.nameVi : p.nameEn;",
      "const d = lang === 'vi' ? s.replace('.', ',') : s;",
      "const e = { vi: 'Lưu', en: 'Save' };",
      "const f = { label: exportsTexts.weightColumn, name: question.label[lang], t: textsIn(staffTexts, 'vi')('signOut') };",
    ];
    expect(fine.flatMap((code) => textsChosenByLanguage('fine.ts', code))).toEqual([]);
  });
});
