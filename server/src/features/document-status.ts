import type { AnalysedBlueprint } from '../documents/analysed-document';
import { nameKey } from '../template/schema';
import type { DocumentStatus } from '../protocol';
import { toRange } from './lsp-ranges';

/** How complete a blueprint is: sections present of the template's, and where its placeholders are. */
export function documentStatus({ document, model, schema }: AnalysedBlueprint): DocumentStatus {
  const inDocument = new Set(model.sections.map((section) => nameKey(section.heading.text)));
  const present = schema.sections.filter((s) => inDocument.has(nameKey(s.name))).length;
  return {
    kind: schema.kind,
    sectionsPresent: present,
    sectionsTotal: schema.sections.length,
    placeholders: model.placeholders.map((p) => toRange(document, p.span)),
    tooLarge: false,
  };
}
