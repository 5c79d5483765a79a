import type { Design } from '../definitions/survey-schema.js';

/**
 * Where each part of the design of a run came from: the survey definition (`design`), an option
 * the user gave (`--strata`, `--cluster`; the word `none` asks for no strata or no clusters), the
 * population file of design weights (its strata), or nowhere (`none`).
 */
export type DesignSource = 'definition' | 'option' | 'weights-file' | 'none';

export interface ResolvedDesign {
  strata: string | undefined;
  cluster: string | undefined;
  from: { strata: DesignSource; cluster: DesignSource };
}

/** The value of `--strata` / `--cluster` (and of the pages' filter) that asks for no strata or clusters. */
export const NO_DESIGN = 'none';

/**
 * The sampling design of a run. An option beats the population file, which beats the definition:
 *   strata  = --strata (none → no strata); else the strata of --weights; else definition.design.strata
 *   cluster = --cluster (none → no clusters); else definition.design.cluster
 * Calibration (--poststratify, --rake) works on top of this design and changes neither part.
 */
export function resolveDesign(
  declared: Design | undefined,
  request: { strata?: string | undefined; cluster?: string | undefined; weightsFile?: string | undefined },
): ResolvedDesign {
  const part = (option: string | undefined, fromDefinition: string | undefined, weightsFile: boolean): { value: string | undefined; from: DesignSource } => {
    if (option !== undefined && option !== '') return option === NO_DESIGN ? { value: undefined, from: 'option' } : { value: option, from: 'option' };
    if (weightsFile) return { value: undefined, from: 'weights-file' };
    if (fromDefinition) return { value: fromDefinition, from: 'definition' };
    return { value: undefined, from: 'none' };
  };
  const strata = part(request.strata, declared?.strata, Boolean(request.weightsFile));
  const cluster = part(request.cluster, declared?.cluster, false);
  return { strata: strata.value, cluster: cluster.value, from: { strata: strata.from, cluster: cluster.from } };
}
