import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import { scanCodedRows } from '../responses/response-scan-repository.js';
import { defaultNonresponseRule, itemNonresponse, type ItemNonresponse, type NonresponseRule } from '../statistics/item-nonresponse.js';
import { groupingColumn } from './grouping-columns.js';

export interface ProvinceNonresponse {
  rule: NonresponseRule;
  items: { id: string; label: Text }[];
  /** Provinces with verified responses, in the list's order. */
  provinces: { code: string; label: Text; n: number; items: Record<string, ItemNonresponse> }[];
  national: { n: number; items: Record<string, ItemNonresponse> };
}

/**
 * Item nonresponse of the index items per province, over the responses the index uses (verified,
 * the survey's current version): the same counts and flags as `sipas index` gives by province,
 * without estimating anything. Responses without a province are left out.
 */
export function provinceNonresponse(db: Db, survey: Survey): ProvinceNonresponse {
  const rows = scanCodedRows(db, survey, { withDistrictAndChannel: false });
  const grouping = groupingColumn(survey, rows, 'province');
  const indicators = survey.definition.scoring.indicators;
  const items = indicators.map((ind) => {
    const slot = survey.byCode.get(ind.variable)!.slot;
    const codes = new Uint8Array(rows.n);
    for (let i = 0, p = slot; i < rows.n; i++, p += rows.width) codes[i] = rows.codes[p]!;
    return { id: ind.id, codes };
  });
  const result = itemNonresponse(items, grouping.index, grouping.keys.length, defaultNonresponseRule);
  const n = new Int32Array(grouping.keys.length);
  for (const g of grouping.index) if (g >= 0) n[g]!++;
  return {
    rule: defaultNonresponseRule,
    items: indicators.map((ind) => ({ id: ind.id, label: ind.label ?? survey.byCode.get(ind.variable)!.label })),
    provinces: grouping.keys.map((code, g) => ({ code, label: grouping.labels[g]!, n: n[g]!, items: result.groups[g]! })),
    national: { n: n.reduce((a, b) => a + b, 0), items: result.overall },
  };
}
