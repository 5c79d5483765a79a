/**
 * The composite indices of one group as fixed linear combinations of its item indices.
 *
 * Quantity numbering inside a group: items 0 … K−1, then elements, components, headline.
 *   element e   = (1/|items_e|) Σ_{k ∈ e} item_k            (mean of its item indices)
 *   component c = (1/|elements_c|) Σ_{e ∈ c} element_e      (mean of means)
 *   headline    = mean of the elements, or of the components
 * Every composite is flattened to coefficients on the items, so its estimate is Σ a_k·R̂_k and
 * its linearised influence is Σ a_k·z_k — exactly `svycontrast(stat, coefficients)` applied to
 * the item estimates with their full covariance matrix.
 * A composite is null when any item it uses (coefficient ≠ 0) has no estimate.
 */
export interface CompositeSpec {
  readonly items: readonly { readonly id: string }[];
  readonly elements: readonly {
    readonly id: string;
    readonly items: readonly string[];
  }[];
  readonly components?: readonly {
    readonly id: string;
    readonly elements: readonly string[];
  }[];
  readonly headline: { readonly of: 'elements' | 'components' };
}

export interface CompositePlan {
  readonly itemCount: number;
  readonly elementCount: number;
  readonly componentCount: number;
  /** K + E + C + 1 (the headline is last). */
  readonly quantityCount: number;
  readonly ids: readonly string[];
  /** For composite q (q ≥ K): its item coefficients are derivedItem/derivedCoef[derivedStart[q−K] … derivedStart[q−K+1]). */
  readonly derivedStart: Int32Array;
  readonly derivedItem: Int32Array;
  readonly derivedCoef: Float64Array;
}

/**
 * Flattens elements, components and headline to item coefficients. Throws RangeError for an
 * unknown or duplicate id or an empty element/component (definition errors, caught by the schema).
 *
 * @example
 * const plan = planComposites({ items: [{ id: 'a' }, { id: 'b' }], elements: [{ id: 'E', items: ['a', 'b'] }], headline: { of: 'elements' } });
 * plan.quantityCount // 4: a, b, E, headline
 */
export function planComposites(spec: CompositeSpec): CompositePlan {
  const itemIndex = indexIds(
    spec.items.map((item) => item.id),
    'item',
  );
  const K = spec.items.length;
  const combos: Map<number, number>[] = [];
  for (const element of spec.elements) {
    if (element.items.length === 0) throw new RangeError(`element ${element.id} has no items`);
    const combo = new Map<number, number>();
    for (const id of element.items) {
      const k = itemIndex.get(id);
      if (k === undefined) throw new RangeError(`element ${element.id} uses unknown item ${id}`);
      combo.set(k, (combo.get(k) ?? 0) + 1 / element.items.length);
    }
    combos.push(combo);
  }
  const elementIndex = indexIds(
    spec.elements.map((element) => element.id),
    'element',
  );
  const components = spec.components ?? [];
  for (const component of components) {
    if (component.elements.length === 0) throw new RangeError(`component ${component.id} has no elements`);
    const parts = component.elements.map((id) => {
      const e = elementIndex.get(id);
      if (e === undefined) throw new RangeError(`component ${component.id} uses unknown element ${id}`);
      return e;
    });
    combos.push(meanOf(parts.map((e) => combos[e] ?? new Map<number, number>())));
  }
  const E = spec.elements.length;
  const C = components.length;
  if (spec.headline.of === 'components' && C === 0) throw new RangeError('headline of components needs components');
  const headlineParts = spec.headline.of === 'elements' ? combos.slice(0, E) : combos.slice(E, E + C);
  if (headlineParts.length === 0) throw new RangeError('headline has nothing to average');
  combos.push(meanOf(headlineParts));

  const derivedStart = new Int32Array(combos.length + 1);
  const items: number[] = [];
  const coefs: number[] = [];
  combos.forEach((combo, position) => {
    for (const [k, coef] of [...combo].sort((a, b) => a[0] - b[0])) {
      items.push(k);
      coefs.push(coef);
    }
    derivedStart[position + 1] = items.length;
  });
  return {
    itemCount: K,
    elementCount: E,
    componentCount: C,
    quantityCount: K + E + C + 1,
    ids: [...spec.items.map((item) => item.id), ...spec.elements.map((e) => e.id), ...components.map((c) => c.id), 'headline'],
    derivedStart,
    derivedItem: Int32Array.from(items),
    derivedCoef: Float64Array.from(coefs),
  };
}

/**
 * Fills `out[K … Q)` with the composites of the item values in `out[0 … K)`; a composite is NaN
 * when an item it uses is NaN (how null estimates propagate).
 */
export function evaluateComposites(plan: CompositePlan, out: Float64Array): void {
  const K = plan.itemCount;
  for (let q = K; q < plan.quantityCount; q++) {
    let sum = 0;
    for (let p = plan.derivedStart[q - K] ?? 0; p < (plan.derivedStart[q - K + 1] ?? 0); p++) {
      sum += (plan.derivedCoef[p] ?? 0) * (out[plan.derivedItem[p] ?? 0] ?? 0);
    }
    out[q] = sum;
  }
}

function meanOf(parts: readonly Map<number, number>[]): Map<number, number> {
  const result = new Map<number, number>();
  for (const part of parts) for (const [k, coef] of part) result.set(k, (result.get(k) ?? 0) + coef / parts.length);
  return result;
}

function indexIds(ids: readonly string[], kind: string): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, position) => {
    if (index.has(id)) throw new RangeError(`duplicate ${kind} id ${id}`);
    index.set(id, position);
  });
  return index;
}
