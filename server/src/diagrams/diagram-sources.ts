import { alignmentOf, type AlignedSubsection } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Section, Structure } from '../model/blueprint';
import type { Span } from '../model/span';
import type { DiagramKind } from '../protocol';
import { sameName } from '../template/names';
import type { SubsectionSchema, TemplateSchema } from '../template/schema';
import type { DataModel, DiagramAssociation, StateMachine } from './mermaid-text';

/**
 * What the diagrams draw, gathered from a version of a blueprint (kept with it: `analysed.derived`):
 * the declared structures and the relationships that count for the data model, and the State
 * Transitions lines for the state diagram. Where those lines are, and how they are written, is read
 * from the template: the subsection whose list has a `[placeholder] → [placeholder]` value.
 */

/** The two diagrams a blueprint can keep, by the word their marker comment uses. */
export const DIAGRAM_KINDS: readonly DiagramKind[] = ['data-model', 'state'];
export type { DiagramKind };

/** The declared structures (placeholder names left out, the first of a name counting), their edges and the counted relationships. */
export function dataModelOf(analysed: AnalysedBlueprint): DataModel & { readonly declarations: readonly Span[] } {
  return analysed.derived(gatherDataModel);
}

function gatherDataModel(analysed: AnalysedBlueprint): DataModel & { readonly declarations: readonly Span[] } {
  const { model } = analysed;
  const index = new Map<string, number>();
  const declared: Structure[] = [];
  for (const s of model.structures) {
    if (s.nameIsPlaceholder || s.name === '' || index.has(s.name)) continue;
    index.set(s.name, declared.length);
    declared.push(s);
  }
  const inheritance: (readonly [number, number])[] = [];
  const associations: DiagramAssociation[] = [];
  declared.forEach((structure, from) => {
    const seen = new Set<string>();
    for (const reference of structure.typeReferences) {
      const to = index.get(reference.name);
      if (to === undefined) continue;
      const field = structure.fields.find((f) => reference.span.start >= f.span.start && reference.span.end <= f.span.end);
      const key = `${field?.name ?? ''}\u0000${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (field) associations.push({ from, to, label: field.name, kind: 'field' });
      else if (to !== from) inheritance.push([from, to]);
    }
  });
  for (const r of alignmentOf(analysed).relationships) {
    const from = index.get(r.from.text);
    const to = index.get(r.to.text);
    if (from === undefined || to === undefined || r.verb.isPlaceholder) continue;
    associations.push({ from, to, label: r.verb.text, kind: 'relationship' });
  }
  return {
    structures: declared.map((s) => ({ name: s.name, fields: s.fields.map((f) => ({ name: f.name, type: f.type })) })),
    inheritance,
    associations,
    declarations: declared.map((s) => s.nameSpan),
  };
}

/** How the template writes its state transitions: where they are, the initial state's label, and the arrow. */
export interface TransitionForm {
  readonly section: number;
  readonly subsection: SubsectionSchema;
  /** The label of the list item whose value is one placeholder (`Initial State`). */
  readonly initialLabel: string;
  /** What stands between the two placeholders of a transition (`→`). */
  readonly arrow: string;
}

/** A list item, numbered or bulleted: its text. */
const LIST_ITEM = /^[ \t]{0,3}(?:\d{1,9}[.)]|[-*+])[ \t]+(.*?)[ \t]*$/;
/** `**Label**: value` (or `**Label:** value`). */
const LABEL_VALUE = /^\*\*([^*]+?)(?::\*\*|\*\*:)[ \t]*(.*)$/;
const TEMPLATE_TRANSITION = /^\[[^\]]*\][ \t]*(\S+)[ \t]*\[[^\]]*\]$/;
const ONE_PLACEHOLDER = /^\[[^\]]*\]$/;

/** The template's state-transition subsection, found by how its lines are written; undefined for a template without one. */
export function transitionForm(schema: TemplateSchema): TransitionForm | undefined {
  for (const [section, sectionSchema] of schema.sections.entries()) {
    for (const subsection of sectionSchema.subsections) {
      const form = subsection.derived(readTransitionForm);
      if (form) return { section, subsection, ...form };
    }
  }
  return undefined;
}

function readTransitionForm(subsection: SubsectionSchema): { initialLabel: string; arrow: string } | undefined {
  let arrow: string | undefined;
  let initialLabel: string | undefined;
  for (const line of subsection.source.split(/\r\n?|\n/)) {
    const item = LABEL_VALUE.exec(LIST_ITEM.exec(line)?.[1] ?? '');
    if (!item) continue;
    const value = item[2]!;
    const transition = TEMPLATE_TRANSITION.exec(value);
    if (transition) arrow ??= transition[1]!;
    else if (ONE_PLACEHOLDER.test(value)) initialLabel ??= item[1]!;
  }
  return arrow !== undefined && initialLabel !== undefined ? { initialLabel, arrow } : undefined;
}

/** The blueprint's states: its initial state and each transition, in order, from the template's state-transition subsection. */
export function stateMachineOf(analysed: AnalysedBlueprint): StateMachine {
  return analysed.derived(gatherStateMachine);
}

function gatherStateMachine(analysed: AnalysedBlueprint): StateMachine {
  const place = transitionPlace(analysed);
  if (!place) return { initial: undefined, transitions: [] };
  const { form, subsection } = place;
  const text = analysed.document.getText();
  const body = text.slice(subsection.heading.span.end, subsection.span.end);
  let initial: string | undefined;
  let current: string | undefined;
  const transitions: { from: string; event: string; to: string }[] = [];
  let fence: string | undefined;
  // The template's arrow, and `->` as it is typed without one (as relationship bullets accept it).
  const arrows = new RegExp(`${form.arrow.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|->`);
  for (const line of body.split(/\r\n?|\n/)) {
    const fenceMark = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (fence === undefined || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length))) {
      fence = fence === undefined ? fenceMark : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const item = LIST_ITEM.exec(line)?.[1];
    if (item === undefined) continue;
    const labelled = LABEL_VALUE.exec(item);
    if (labelled) {
      const parts = labelled[2]!.split(arrows).map(plainText);
      if (parts.length === 1 && sameName(labelled[1]!, form.initialLabel)) {
        if (initial === undefined && !isPlaceholder(parts[0]!) && parts[0] !== '') initial = current = parts[0];
      } else if (parts.length === 2 && current !== undefined && !parts.some((p) => p === '' || isPlaceholder(p))) {
        transitions.push({ from: current, event: parts[0]!, to: parts[1]! });
        current = parts[1];
      }
      continue;
    }
    // `**authorised** → **capture()** → **captured**`: a transition that says where it starts.
    const parts = item.split(arrows).map(plainText);
    if (parts.length === 3 && !parts.some((p) => p === '' || isPlaceholder(p))) {
      transitions.push({ from: parts[0]!, event: parts[1]!, to: parts[2]! });
      current = parts[2];
    }
  }
  return { initial, transitions };
}

/** The blueprint's subsection where the template keeps its transitions (the first of its name), with the form they take. */
export function transitionPlace(analysed: AnalysedBlueprint): { form: TransitionForm; subsection: Section } | undefined {
  const form = transitionForm(analysed.schema);
  if (!form) return undefined;
  const section = alignmentOf(analysed).occurrences[form.section]?.[0];
  const sub = section?.subsections.find((s) => s.schema === form.subsection && s.occurrence === 'first');
  return sub ? { form, subsection: sub.subsection } : undefined;
}

/** Where the data-model diagram belongs: the blueprint's first (sub)section where the template keeps relationship bullets. */
export function dataModelPlace(analysed: AnalysedBlueprint): Section | undefined {
  for (const section of alignmentOf(analysed).sections) {
    if (section.occurrence !== 'first' || !section.schema) continue;
    const sub = section.subsections.find((s: AlignedSubsection) => s.occurrence === 'first' && s.schema?.holdsRelationships);
    if (sub) return sub.subsection;
    if (section.schema.holdsRelationships) return section.section;
  }
  return undefined;
}

/** Bold, code and emphasis marks around a name are how it is written, not part of it. */
function plainText(part: string): string {
  return part
    .trim()
    .replace(/^(\*\*|__|\*|_|`)(.*)\1$/, '$2')
    .trim();
}

function isPlaceholder(text: string): boolean {
  return ONE_PLACEHOLDER.test(text);
}
