import { alignmentOf } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { DocumentStatus } from '../protocol';
import { toRange } from '../lsp-ranges';

/**
 * How complete a blueprint is: the template's sections present, and what is left in them (empty
 * sections and subsections, missing subsections, the placeholders), all read from the alignment,
 * so that a blueprint with an empty section is never reported complete.
 */
export function documentStatus(analysed: AnalysedBlueprint): DocumentStatus {
  const { document, model, schema } = analysed;
  const alignment = alignmentOf(analysed);
  let emptySections = 0;
  let missingSubsections = 0;
  for (const section of alignment.sections) {
    if (section.occurrence !== 'first') continue;
    if (section.empty) {
      emptySections++;
      continue;
    }
    missingSubsections += section.missingSubsections.length;
    emptySections += section.subsections.filter((sub) => sub.empty).length;
  }
  return {
    kind: schema.kind,
    sectionsPresent: schema.sections.length - alignment.missingSections.length,
    sectionsTotal: schema.sections.length,
    emptySections,
    missingSubsections,
    placeholders: model.placeholders.map((p) => toRange(document, p.span)),
    tooLarge: false,
  };
}

/** The status of a document too large to analyse: a blueprint, but not checked. */
export const TOO_LARGE_STATUS: DocumentStatus = {
  kind: '',
  sectionsPresent: 0,
  sectionsTotal: 0,
  emptySections: 0,
  missingSubsections: 0,
  placeholders: [],
  tooLarge: true,
};
