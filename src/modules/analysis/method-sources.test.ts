import { describe, expect, it } from 'vitest';
import { approvingDecision, methodSources } from './method-sources.js';
import type { MethodStamp } from '../results/method-stamp.js';

const stamp = (of: 'components' | 'elements', national: 'pooled' | 'mean-of-provinces') =>
  ({ national, rules: { headline: { of } } }) as unknown as MethodStamp;

describe('the method page’s sources', () => {
  it('finds the approving decision the definition names', () => {
    expect(approvingDecision('… the method approved by Decision 1001/QĐ-BNV), not the official PDF')).toBe('1001/QĐ-BNV');
    expect(approvingDecision('Reconstruction of the 2017–2020 form (Decision 2640/QĐ-BNV) from …')).toBe('2640/QĐ-BNV');
    expect(approvingDecision(undefined)).toBeNull();
  });

  it('gives every rule a public source or calls it the engine’s assumption, following the run’s rules', () => {
    const vi = methodSources(stamp('components', 'mean-of-provinces'), '1001/QĐ-BNV', 'vi');
    expect(vi[0]!.source).toContain('Quyết định 1001/QĐ-BNV');
    for (const r of vi) expect(r.basisLabel).toBe(r.basis === 'public' ? 'Nguồn công khai' : 'Giả định của hệ thống');
    expect(vi.map((r) => r.rule)).toContain('Giá trị cả nước = trung bình các tỉnh');
    const en = methodSources(stamp('elements', 'pooled'), null, 'en');
    expect(en.map((r) => r.rule)).toEqual(expect.arrayContaining(['Headline = mean of the elements', 'National value = pooled over all responses']));
    expect(en[0]!.source).toContain('names no approving decision');
  });
});
