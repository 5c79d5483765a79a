import { describe, expect, it } from 'vitest';
import { tinyPlaces } from '../../../test/helpers/tiny-survey.js';
import type { BatchCounts } from './fieldwork-repository.js';
import { fieldworkCounts } from './fieldwork-view.js';

const batch = (b: Partial<BatchCounts> & Pick<BatchCounts, 'id' | 'name'>): BatchCounts => ({
  kind: 'import',
  province: null,
  status: 'committed',
  expected: null,
  received: null,
  stored: 0,
  keyed: 0,
  verified: 0,
  quarantined: 0,
  ...b,
});

describe('fieldworkCounts', () => {
  const counts = fieldworkCounts(
    tinyPlaces,
    {
      batches: [
        batch({ id: 1, name: 'no-province', stored: 5, verified: 5, quarantined: 2 }),
        batch({ id: 2, name: 'hanoi', kind: 'keying', province: '01', received: 40, stored: 3 }),
      ],
      responses: [
        { batchId: 1, province: '01', channel: 'import', stored: 2, verified: 2 },
        { batchId: 1, province: '79', channel: 'import', stored: 3, verified: 3 },
        { batchId: 2, province: '01', channel: 'keyed', stored: 3, verified: 1 },
        { batchId: null, province: '79', channel: 'online', stored: 4, verified: 4 },
      ],
      keyed: [{ batchId: 2, province: '01', keyed: 3 }],
      // One quarantined row says 79, one says a code not in the list: it falls back on the batch (none).
      quarantined: [
        { batchId: 1, province: '79', quarantined: 1 },
        { batchId: 1, province: 'Hà Nội', quarantined: 1 },
      ],
      conflicts: [
        { batchId: null, province: '79', conflicts: 2 },
        { batchId: 2, province: null, conflicts: 1 },
      ],
    },
    'vi',
  );
  const row = (code: string) => counts.provinces.find((p) => p.code === code)!;

  it('counts each form under its own province, and a batch in every province it returned forms in', () => {
    expect(row('01')).toMatchObject({ batches: 2, returned: 2 + 40, keyed: 3, verified: 3, online: 0 });
    expect(row('79')).toMatchObject({ batches: 1, returned: 3, verified: 7, online: 4, quarantined: 1, conflicts: 2 });
    expect(counts.batches.map((b) => b.provinceName)).toEqual(['2 tỉnh', 'Hà Nội']);
  });

  it('falls back on the batch’s province, then on "no province", for a province it cannot read', () => {
    expect(row('')).toMatchObject({ name: 'Chưa rõ tỉnh', quarantined: 1 });
    // The keying batch's conflict has no province of its own: it is the batch's (Hà Nội).
    expect(row('01').conflicts).toBe(1);
    expect(counts.total).toMatchObject({ batches: 2, verified: 10, quarantined: 2, conflicts: 3 });
  });
});
