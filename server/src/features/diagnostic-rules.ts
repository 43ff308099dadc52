import { DIAGNOSTIC_DEFAULTS, type DiagnosticCode } from '../diagnostic-codes';
import { INVALID_TEMPLATE_CODE } from '../template/template-diagnostics';

/**
 * What each diagnostic code is about, for readers outside the editor: SARIF rules (code scanning),
 * the rc file's JSON Schema and the settings' descriptions in package.json, which a unit test keeps
 * equal to these. `summary`: Markdown, a phrase completing "Severity of `code` diagnostics: …";
 * `detail`: plain text, when it is reported and what fixes it.
 */
export const DIAGNOSTIC_RULES: Record<
  DiagnosticCode | typeof INVALID_TEMPLATE_CODE,
  { readonly summary: string; readonly detail: string }
> = {
  placeholder: {
    summary: 'a `[bracketed placeholder]` is still in the text',
    detail:
      'A [bracketed placeholder] from the template is still in the text; the range runs from [ to ]. Links, references, footnotes, task boxes, escaped brackets, inline code, HTML and array or index types in code blocks are not placeholders. In a Draft it is a hint, in Review a warning, once Approved an error (blueprint.severityByStatus).',
  },
  'missing-section': {
    summary: 'a template section is absent (reported on the title)',
    detail:
      'A section of the template is absent from the blueprint; reported on the title. Quick fix: add the section from the template, after its nearest present predecessor. Follows the Blueprint Status like placeholder.',
  },
  'missing-subsection': {
    summary: 'a present section lacks one of its template subsections',
    detail:
      'A present section lacks one of the subsections the template gives it; reported on the section heading, not on an empty section. Quick fix: add the subsection in template order. Follows the Blueprint Status like placeholder.',
  },
  'duplicate-section': {
    summary: 'a section or subsection appears twice',
    detail:
      'A section or subsection appears a second time; reported on the repeated heading. Quick fix: merge its content into the first section of that name.',
  },
  'section-order': {
    summary: 'sections are out of template order',
    detail:
      'Sections are out of template order; reported on the fewest sections that must move, naming the nearest section in order. Quick fix: move the section before or after it.',
  },
  'empty-section': {
    summary: "a section or subsection has nothing under its heading but the template's guidance line",
    detail:
      "A section or subsection has nothing under its heading but the template's guidance line (or nothing at all). Quick fix: fill it from the template.",
  },
  'invalid-status': {
    summary: "Blueprint Status is neither a placeholder nor one of the template's values",
    detail:
      "The Blueprint Status is neither a placeholder nor one of the template's values (Draft, Review, Approved), or is empty. Quick fix: set the closest value; fix-all on save corrects a value in the wrong case.",
  },
  'invalid-date': {
    summary: 'Last Updated is not a real calendar date written `YYYY-MM-DD`',
    detail:
      'Last Updated is not a real calendar date written YYYY-MM-DD, the only form accepted; the message says which. Quick fix: rewrite an unambiguous day as YYYY-MM-DD (also on save), or set today.',
  },
  'missing-footer-field': {
    summary: 'a footer field of the template (`**Blueprint Status**`, `**Last Updated**`, `**Author**`) is absent from the footer',
    detail:
      "A footer field of the template (Blueprint Status, Last Updated, Author) is absent from the footer; reported on the footer's last line, or on the title without a footer. Quick fix: add the field in the footer's own style of hard break. Follows the Blueprint Status like placeholder.",
  },
  'unknown-structure': {
    summary:
      "a relationship names no structure declared in the blueprint's `typescript` blocks, nor in any other blueprint of the workspace",
    detail:
      "A relationship end names no structure declared by an interface, type, class or enum in the blueprint's typescript blocks, nor (with blueprint.structures.scope workspace, the default) in any other blueprint of the workspace. Quick fix: declare an interface stub in Related Data Structures.",
  },
  'ambiguous-structure': {
    summary: 'a relationship names a structure the blueprint does not declare and two or more other blueprints do',
    detail:
      'A relationship end names a structure the blueprint does not declare itself and that two or more other blueprints of the workspace declare, so it could be either; the related information points at each declaration. Declare it in this blueprint, or rename one of them.',
  },
  'typescript-syntax': {
    summary: 'a `typescript` block does not parse; reported at the token where the parser stopped, with its message',
    detail:
      "A typescript block does not parse: the parser's message, on the token where it stopped (the last token when the block ends too early). The structures declared before and after it, and the name of the broken one, still count, so relationships to them are not reported as unknown-structure.",
  },
  'too-large': {
    summary: 'the document is larger than `#blueprint.maxDocumentSize#` and is not checked',
    detail:
      'The document is larger than blueprint.maxDocumentSize characters: it gets this one diagnostic instead of an analysis. Split it, or raise the setting.',
  },
  'degraded-analysis': {
    summary:
      'a paragraph holds so many Markdown delimiters that it is read as plain text, so its links, emphasis and code spans are not checked (its placeholders are)',
    detail:
      'A paragraph with more than 1,000 Markdown delimiters was read as plain text, as the parser would take seconds on it: its links, emphasis and code spans are not checked; its placeholders are.',
  },
  'stale-diagram': {
    summary: 'a diagram kept under a `<!-- blueprint:diagram -->` marker no longer draws what the blueprint declares',
    detail:
      'A mermaid block under a <!-- blueprint:diagram data-model --> or <!-- blueprint:diagram state --> marker no longer draws the structures, relationships or state transitions the blueprint declares (or the marker has no block); reported on the marker. Quick fix: Update diagram, also applied by fix-all on save and blueprint check --fix.',
  },
  [INVALID_TEMPLATE_CODE]: {
    summary: 'a file in the templates folder is not a usable template (reported in the template file)',
    detail:
      'A Markdown file in the templates folder is not a usable template: no title line naming its kind, no section, a section twice, a title another template has, or a file that cannot be read or is too large. Reported in the template file; the template is not used until it is fixed.',
  },
};

/** A summary as plain text, as a sentence: backticks dropped, a setting link written as the rc file's key, the first letter capitalised. */
export function plainSummary(code: keyof typeof DIAGNOSTIC_RULES): string {
  const text = DIAGNOSTIC_RULES[code].summary.replace(/`#blueprint\.([^#]+)#`/g, '$1').replace(/`([^`]*)`/g, '$1');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Every code, those of blueprints first, in the order of DIAGNOSTIC_DEFAULTS. */
export const ALL_CODES = [...(Object.keys(DIAGNOSTIC_DEFAULTS) as DiagnosticCode[]), INVALID_TEMPLATE_CODE] as const;
