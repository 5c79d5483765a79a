import { z } from 'zod';
import type { FormsLayout } from '../printing/form-layout.js';

/** `forms.layout.json` as the scanner accepts it: checked, since it comes from outside. */

const Rect = { x: z.number(), y: z.number(), w: z.number().positive(), h: z.number().positive() };
const Box = z.object({
  ...Rect,
  variable: z.string().min(1).max(64),
  code: z.number().int().nullable(),
  kind: z.enum(['mark', 'write']),
  question: z.string().min(1).max(64),
});
const Page = z.object({
  serial: z.string().min(1).max(40),
  page: z.number().int().min(1).max(999),
  pages: z.number().int().min(1).max(999),
  size: z.object({ width: z.number().positive(), height: z.number().positive() }),
  marks: z.array(z.object({ x: z.number(), y: z.number() })).length(4),
  qr: z.object(Rect),
  boxes: z.array(Box).max(2_000),
});
const Layout = z.object({ survey: z.string(), version: z.string(), lang: z.enum(['vi', 'en']), batch: z.string(), pages: z.array(Page).max(200_000) });

export function parseLayoutFile(text: string): { layout: FormsLayout } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'is not JSON' };
  }
  const r = Layout.safeParse(json);
  if (!r.success) return { error: `is not a forms layout (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})` };
  return { layout: r.data };
}
