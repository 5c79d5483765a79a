import type { Db } from '../../src/db/open-database.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { insertUser } from '../../src/modules/auth/user-repository.js';
import { insertEntry } from '../../src/modules/keying/keying-repository.js';
import { packAnswers, type PackedAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';

/**
 * A generated wave for the quality checks, with a fixed seed: forms whose coded answers are drawn
 * independently per form (skewed to the top of each scale, optional items left blank one time in
 * ten, skips from a pool of valid templates), a third answered online (log-normal seconds per
 * item), a third keyed by a team of keyers (log-normal seconds per field), the rest imported.
 * Optionally planted: straight-liners, copies of other forms with 1–3 scored answers changed,
 * fast keyers (eight times quicker than their colleagues) and online speeders (ten times quicker).
 */
export interface WaveOptions {
  forms: number;
  provinces: readonly string[];
  seed: number;
  straightliners?: number;
  copies?: number;
  keyers?: number;
  fastKeyers?: number;
  /** Share of online respondents who answer ten times faster than the rest. */
  speederShare?: number;
}

export interface Wave {
  /** Planted truth: response ids of straight-liners, of copied forms and their originals, keying entry ids of fast keyers. */
  straightliners: Set<number>;
  duplicates: Set<number>;
  fastEntries: Set<number>;
  speeders: Set<number>;
  keyedEntries: number;
}

const SECOND = 1000;

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export function generateWave(db: Db, survey: Survey, o: WaveOptions): Wave {
  const rand = seededRandom(o.seed);
  const templates = Array.from({ length: 200 }, (_, i) => packAnswers(survey, randomAnswers(survey, rand, `T${i}`)));
  const coded = survey.variables.filter((v) => v.slot >= 0 && (v.type === 'single' || v.type === 'rating' || v.type === 'matrix-item'));
  const scoredSlots = survey.definition.scoring.indicators.map((i) => survey.byCode.get(i.variable)!.slot);
  const scoredVars = survey.definition.scoring.indicators.map((i) => survey.byCode.get(i.variable)!);
  const draw = (options: readonly { code: number }[]): number => options[Math.min(options.length - 1, Math.floor(Math.sqrt(rand()) * options.length))]!.code;
  const fresh = (province: string): PackedAnswers => {
    const t = templates[Math.floor(rand() * templates.length)]!;
    const codes = Buffer.from(t.codes);
    for (const v of coded) {
      const asked = t.codes[v.slot] !== 0 || (!v.required && v.relevant === null);
      if (!asked) continue;
      codes[v.slot] = v.required || rand() < 0.9 ? draw(v.options) : 0;
    }
    return { codes, values: t.values, province, district: t.district, commune: t.commune };
  };

  const keyerIds: number[] = [];
  const fast = new Set<number>();
  for (let k = 0; k < (o.keyers ?? 0); k++) {
    const u = insertUser(db, { username: `keyer${o.seed}-${k}`, displayName: `Keyer ${k}`, passwordHash: 'x', role: 'enumerator', provinces: [], at: 0 });
    keyerIds.push(u.id);
    if (k < (o.fastKeyers ?? 0)) fast.add(u.id);
  }

  const wave: Wave = { straightliners: new Set(), duplicates: new Set(), fastEntries: new Set(), speeders: new Set(), keyedEntries: 0 };
  const insert = prepareBulkInsert(db);
  const stored: { id: number; packed: PackedAnswers }[] = [];
  const plantedStraight = o.straightliners ?? 0;
  const plantedCopies = o.copies ?? 0;
  const total = o.forms + plantedStraight + plantedCopies;
  // Planted forms are spread through the wave, after the first tenth (copies need originals before them).
  const kindOf = new Map<number, 'straight' | 'copy'>();
  while (kindOf.size < plantedStraight + plantedCopies) {
    const at = Math.floor(total * 0.1 + rand() * total * 0.9);
    if (!kindOf.has(at)) kindOf.set(at, kindOf.size < plantedStraight ? 'straight' : 'copy');
  }
  const base = 1_700_000_000_000;
  db.$client.transaction(() => {
    for (let i = 0; i < total; i++) {
      const kind = kindOf.get(i);
      const province = o.provinces[Math.floor(rand() * o.provinces.length)]!;
      let packed = fresh(province);
      let original: number | null = null;
      if (kind === 'straight') {
        const code = 1 + Math.floor(rand() * 5);
        for (const v of coded) if (v.type === 'matrix-item' && packed.codes[v.slot] !== 0) packed.codes[v.slot] = Math.min(code, v.options.length);
        for (const v of scoredVars) packed.codes[v.slot] = Math.min(code, v.options.length);
      } else if (kind === 'copy') {
        // An original of any province that is not planted itself; the copy goes to the original's province.
        let pick: { id: number; packed: PackedAnswers };
        do pick = stored[Math.floor(rand() * stored.length)]!;
        while (wave.straightliners.has(pick.id) || wave.duplicates.has(pick.id));
        original = pick.id;
        packed = { ...pick.packed, codes: Buffer.from(pick.packed.codes) };
        const changes = 1 + Math.floor(rand() * 3);
        const order = [...scoredSlots.keys()].sort(() => rand() - 0.5).slice(0, changes);
        for (const k of order) {
          const v = scoredVars[k]!;
          const other = v.options.filter((op) => op.code !== packed.codes[v.slot]);
          packed.codes[v.slot] = other[Math.floor(rand() * other.length)]!.code;
        }
      }
      const channelDraw = rand();
      const channel = channelDraw < 1 / 3 ? 'online' : channelDraw < 2 / 3 && keyerIds.length > 0 ? 'keyed' : 'import';
      const at = base + i * 60 * SECOND;
      let answered = 0;
      for (const v of coded) if (packed.codes[v.slot] !== 0) answered++;
      const speeder = channel === 'online' && rand() < (o.speederShare ?? 0);
      const secondsPerItem = Math.exp(Math.log(6) + 0.35 * normal(rand)) / (speeder ? 10 : 1);
      const startedAt = channel === 'online' ? at - Math.round(secondsPerItem * answered * SECOND) : null;
      const serial = `W${o.seed}-${String(i).padStart(7, '0')}`;
      const keyer = channel === 'keyed' ? keyerIds[Math.floor(rand() * keyerIds.length)]! : null;
      const id = insert({ surveyId: survey.id, surveyVersion: survey.version, serial, channel, status: 'verified', packed, at, startedAt, enteredBy: keyer });
      stored.push({ id, packed });
      if (kind === 'straight') wave.straightliners.add(id);
      if (speeder) wave.speeders.add(id);
      if (original !== null) {
        wave.duplicates.add(id);
        wave.duplicates.add(original);
      }
      if (keyer !== null) {
        const pace = Math.exp(Math.log(3) + 0.3 * normal(rand)) / (fast.has(keyer) ? 8 : 1);
        const fields = answered + 3;
        const entryId = insertEntry(db, {
          surveyId: survey.id,
          surveyVersion: survey.version,
          serial,
          pass: 1,
          enumeratorId: keyer,
          province: packed.province,
          codes: packed.codes,
          fieldsKeyed: fields,
          startedAt: at - Math.round(pace * fields * SECOND),
          savedAt: at,
          responseId: id,
        });
        wave.keyedEntries++;
        if (fast.has(keyer)) wave.fastEntries.add(entryId);
      }
    }
  })();
  return wave;
}
