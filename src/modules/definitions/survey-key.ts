/** The key of one version of a survey in `SurveyCatalog.byVersion` and in stored stamps: `sipas-2023@1.0.0`. */
export function surveyKey(id: string, version: string): string {
  return `${id}@${version}`;
}
