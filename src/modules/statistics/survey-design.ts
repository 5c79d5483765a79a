/**
 * A first-stage survey design over n rows: weights, strata and primary sampling units (PSUs),
 * laid out for single-pass variance accumulation (rows grouped by PSU, PSUs grouped by stratum).
 *
 * Variance model (mirrors `svydesign(ids = ~psu, strata = ~stratum, weights = ~w, fpc = ~N,
 * nest = TRUE)` with the default ultimate-cluster estimator of `svyrecvar`): for a linearised
 * total with PSU totals T_hc,
 *   V = Σ_h f_h · n_h/(n_h − 1) · Σ_c (T_hc − T̄_h)²,  f_h = 1 − n_h/N_h (1 without fpc).
 * Lonely PSUs: a stratum with a single PSU is NOT an error; it is handled as R does under
 * `options(survey.lonely.psu = "adjust")`: its PSU total is centred at 0 (the grand mean of the
 * influence values) instead of the stratum mean, with scale f_h. Such strata are listed in
 * `lonelyStrata` so callers can flag them. PSU ids are nested in strata (`nest = TRUE`).
 * Degrees of freedom = #PSUs − #strata (R's `degf(design)`).
 */
export interface SurveyDesign {
  readonly n: number;
  readonly weights: Float64Array;
  /** Dense stratum index per row (0 … strataCount − 1). */
  readonly strata: Int32Array;
  readonly strataCount: number;
  /** Dense PSU index per row; PSUs are numbered stratum by stratum. */
  readonly psu: Int32Array;
  readonly psuCount: number;
  readonly psuStratum: Int32Array;
  /** n_h: number of PSUs per stratum in the whole sample. */
  readonly psuPerStratum: Int32Array;
  /** f_h · n_h/(n_h − 1), or f_h for a lonely stratum; 0 for a census stratum (f_h < 1e-7). */
  readonly stratumScale: Float64Array;
  /** Original ids of strata that have a single PSU. */
  readonly lonelyStrata: readonly number[];
  readonly degreesOfFreedom: number;
  /** Row numbers sorted by PSU (hence by stratum); PSU c owns order[psuStart[c] … psuStart[c+1]). */
  readonly order: Int32Array;
  readonly psuStart: Int32Array;
  readonly calibrations: readonly Calibration[];
}

/** One margin of a calibration, as R stores it in `design$postStrata`. */
export interface CalibrationMargin {
  /** Cell (post-stratum / margin level) index per row, 0 … cellCount − 1. */
  readonly cells: Int32Array;
  readonly cellCount: number;
  /** Weights right after this margin's adjustment (R: `attr(index, "weights")`). */
  readonly weights: Float64Array;
  /** Weights the cell means of the influence values are averaged with (R: `"oldweights"` of
   * `postStratify`); null = plain row average (R's raking adjustment). */
  readonly averagingWeights: Float64Array | null;
}

/** A calibration step whose variance effect `svyrecvar` removes: `sweeps` passes over `margins`. */
export interface Calibration {
  readonly kind: 'post-stratify' | 'rake';
  readonly margins: readonly CalibrationMargin[];
  /** 1 for post-stratification; 10 for raking (R's fixed count in `svyrecvar`). */
  readonly sweeps: number;
}

export interface SurveyDesignInput {
  readonly n: number;
  /** Sampling weights (1 when omitted). */
  readonly weights?: Float64Array;
  /** Stratum id per row (one stratum when omitted). */
  readonly strata?: Int32Array;
  /** PSU id per row (each row its own PSU when omitted). */
  readonly clusters?: Int32Array;
  /** Population number of PSUs in the row's stratum, N_h (no finite-population correction when omitted). */
  readonly fpc?: Float64Array;
  readonly calibrations?: readonly Calibration[];
}

/**
 * Builds a {@link SurveyDesign}. Throws RangeError when an array's length differs from n or a
 * weight is negative or not finite (programming errors, not data problems).
 *
 * @example createSurveyDesign({ n: 3 }).degreesOfFreedom // 2 (3 PSUs − 1 stratum)
 */
// eslint-disable-next-line max-lines-per-function -- passes over the rows that build the PSU numbering and sort in typed arrays, each read by the next: a split would pass them all between parts
export function createSurveyDesign(input: SurveyDesignInput): SurveyDesign {
  const { n } = input;
  for (const [name, array] of [
    ['weights', input.weights],
    ['strata', input.strata],
    ['clusters', input.clusters],
    ['fpc', input.fpc],
  ] as const) {
    if (array !== undefined && array.length !== n) throw new RangeError(`${name} has ${array.length} rows, expected ${n}`);
  }
  const weights = input.weights ?? new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? Number.NaN;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight of row ${i} is ${w}`);
  }
  const strataIds = densify(input.strata, n);
  const strata = strataIds.index;
  const strataCount = strataIds.count;

  // Provisional PSU numbering (first seen), then renumbered stratum by stratum.
  const provisional = new Int32Array(n);
  let provisionalCount = 0;
  let provisionalStratum: Int32Array;
  if (input.clusters === undefined) {
    for (let i = 0; i < n; i++) provisional[i] = i;
    provisionalCount = n;
    provisionalStratum = strata;
  } else {
    const seen = new Map<number, number>();
    const stratumOf: number[] = [];
    for (let i = 0; i < n; i++) {
      const h = strata[i] ?? 0;
      const key = h * 4294967296 + ((input.clusters[i] ?? 0) >>> 0);
      let id = seen.get(key);
      if (id === undefined) {
        id = provisionalCount++;
        seen.set(key, id);
        stratumOf.push(h);
      }
      provisional[i] = id;
    }
    provisionalStratum = Int32Array.from(stratumOf);
  }
  const psuPerStratum = new Int32Array(strataCount);
  for (let c = 0; c < provisionalCount; c++) psuPerStratum[provisionalStratum[c] ?? 0]! += 1;
  const firstPsuOfStratum = new Int32Array(strataCount);
  for (let h = 1; h < strataCount; h++) firstPsuOfStratum[h] = firstPsuOfStratum[h - 1]! + psuPerStratum[h - 1]!;
  const renumber = new Int32Array(provisionalCount);
  const psuStratum = new Int32Array(provisionalCount);
  const nextInStratum = firstPsuOfStratum.slice();
  for (let c = 0; c < provisionalCount; c++) {
    const h = provisionalStratum[c] ?? 0;
    const id = nextInStratum[h]!++;
    renumber[c] = id;
    psuStratum[id] = h;
  }
  const psu = new Int32Array(n);
  for (let i = 0; i < n; i++) psu[i] = renumber[provisional[i] ?? 0] ?? 0;

  // Counting sort of rows by PSU.
  const psuStart = new Int32Array(provisionalCount + 1);
  for (let i = 0; i < n; i++) psuStart[(psu[i] ?? 0) + 1]! += 1;
  for (let c = 0; c < provisionalCount; c++) psuStart[c + 1]! += psuStart[c]!;
  const fill = psuStart.slice(0, provisionalCount);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[psu[i] ?? 0]!++] = i;

  const stratumScale = new Float64Array(strataCount);
  const lonelyStrata: number[] = [];
  const firstRowOfStratum = new Int32Array(strataCount).fill(-1);
  for (let i = 0; i < n; i++) if (firstRowOfStratum[strata[i] ?? 0] === -1) firstRowOfStratum[strata[i] ?? 0] = i;
  for (let h = 0; h < strataCount; h++) {
    const nh = psuPerStratum[h] ?? 0;
    const populationPsus = input.fpc?.[firstRowOfStratum[h] ?? 0];
    const f = populationPsus === undefined || populationPsus === Number.POSITIVE_INFINITY ? 1 : (populationPsus - nh) / populationPsus;
    if (nh === 1) lonelyStrata.push(strataIds.values[h] ?? h);
    stratumScale[h] = f < 1e-7 ? 0 : nh > 1 ? (f * nh) / (nh - 1) : f;
  }
  return {
    n,
    weights,
    strata,
    strataCount,
    psu,
    psuCount: provisionalCount,
    psuStratum,
    psuPerStratum,
    stratumScale,
    lonelyStrata,
    degreesOfFreedom: provisionalCount - strataCount,
    order,
    psuStart,
    calibrations: input.calibrations ?? [],
  };
}

/** The same design with new weights and (optionally) an extra calibration record. */
export function reweightDesign(design: SurveyDesign, weights: Float64Array, calibration?: Calibration): SurveyDesign {
  if (weights.length !== design.n) throw new RangeError(`weights has ${weights.length} rows, expected ${design.n}`);
  return {
    ...design,
    weights,
    calibrations: calibration ? [...design.calibrations, calibration] : design.calibrations,
  };
}

/** Maps arbitrary integer ids to 0 … count − 1 in ascending id order (all zeros when absent). */
export function densify(ids: Int32Array | undefined, n: number): { index: Int32Array; count: number; values: number[] } {
  if (ids === undefined)
    return {
      index: new Int32Array(n),
      count: n > 0 ? 1 : 0,
      values: n > 0 ? [0] : [],
    };
  const values = [...new Set(ids)].sort((a, b) => a - b);
  const lookup = new Map<number, number>();
  values.forEach((value, position) => lookup.set(value, position));
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = lookup.get(ids[i] ?? 0) ?? 0;
  return { index, count: values.length, values };
}
