import { describe, expect, it } from 'vitest';
import { resolveDesign } from './sampling-design.js';

describe('resolveDesign', () => {
  it('takes the definition’s design when no option names one', () => {
    expect(resolveDesign({ strata: 'province', cluster: 'district' }, {})).toEqual({
      strata: 'province',
      cluster: 'district',
      from: { strata: 'definition', cluster: 'definition' },
    });
  });

  it('lets each option override its own part, and "none" ask for no strata or no clusters', () => {
    expect(resolveDesign({ strata: 'province', cluster: 'district' }, { strata: 'A10' })).toEqual({
      strata: 'A10',
      cluster: 'district',
      from: { strata: 'option', cluster: 'definition' },
    });
    expect(resolveDesign({ strata: 'province', cluster: 'district' }, { strata: 'none', cluster: 'none' })).toEqual({
      strata: undefined,
      cluster: undefined,
      from: { strata: 'option', cluster: 'option' },
    });
  });

  it('uses the strata of a population file over the definition’s, unless --strata is given too', () => {
    expect(resolveDesign({ strata: 'province' }, { weightsFile: 'pop.csv' })).toEqual({
      strata: undefined,
      cluster: undefined,
      from: { strata: 'weights-file', cluster: 'none' },
    });
    expect(resolveDesign({ strata: 'province' }, { weightsFile: 'pop.csv', strata: 'province' }).from.strata).toBe('option');
  });

  it('is a simple random sample when neither the definition nor an option says otherwise', () => {
    expect(resolveDesign(undefined, {})).toEqual({ strata: undefined, cluster: undefined, from: { strata: 'none', cluster: 'none' } });
  });
});
