import type { AnalysedBlueprint } from '../documents/analysed-document';
import { sameName } from '../model/schema';
import type { DocumentStatus } from '../protocol';
import { toRange } from './lsp-ranges';

/** How complete a blueprint is: sections present of the template's, and where its placeholders are. */
export function documentStatus({ document, model, schema }: AnalysedBlueprint): DocumentStatus {
  const present = schema.sections.filter((s) => model.sections.some((section) => sameName(section.heading.text, s.name))).length;
  return {
    kind: schema.kind,
    sectionsPresent: present,
    sectionsTotal: schema.sections.length,
    placeholders: model.placeholders.map((p) => toRange(document, p.span)),
    tooLarge: false,
  };
}
