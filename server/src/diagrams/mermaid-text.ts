/**
 * Mermaid text from what a blueprint declares: pure, no imports, and loaded only when a diagram is
 * first wanted (the shipped server keeps it in dist/diagrams.js: see scripts/build.mjs and
 * diagram-writer.ts). What it draws is gathered by diagram-sources.ts.
 *
 * Every name and label is escaped so that any text yields valid Mermaid: identifiers Mermaid could
 * read as a keyword or could not read at all get a generated id (`S3`) and the name as a label;
 * characters outside letters, digits and a few safe marks are written as Mermaid entity codes
 * (`#60;` for `<`), which Mermaid turns back into the character when it draws.
 */

export interface DataModel {
  readonly structures: readonly DiagramStructure[];
  /** `extends` (and the parts a type is composed of): child, then parent, by index into `structures`. */
  readonly inheritance: readonly (readonly [child: number, parent: number])[];
  /** A field typed with another structure, or a relationship bullet: an edge with a label. */
  readonly associations: readonly DiagramAssociation[];
}

export interface DiagramStructure {
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly type: string | undefined }[];
}

export interface DiagramAssociation {
  readonly from: number;
  readonly to: number;
  readonly label: string;
  /** A field's type (solid line) or a relationship bullet (dashed line). */
  readonly kind: 'field' | 'relationship';
}

export interface StateMachine {
  /** The initial state; undefined when the blueprint does not say it yet. */
  readonly initial: string | undefined;
  /** Each `Event → New State` in order; `from` is the state before it (the one the previous line reached) unless written. */
  readonly transitions: readonly { readonly from: string; readonly event: string; readonly to: string }[];
}

const INDENT = '  ';

/** A `classDiagram`: each structure with its fields, then inheritance, then field and relationship edges. */
export function classDiagramText(model: DataModel): string {
  const ids = structureIds(model);
  // Mermaid reads a class diagram with nothing in it as an error: a note says why it is empty.
  const lines = model.structures.length === 0 ? ['classDiagram', `${INDENT}note "No structures declared yet"`] : ['classDiagram'];
  model.structures.forEach((structure, i) => {
    const id = ids[i]!;
    const name = escaped(structure.name);
    const label = id === structure.name || name === '' ? '' : `["${name}"]`;
    const members = structure.fields.flatMap((field) => {
      const type = escaped(field.type ?? '');
      const member = `${escaped(field.name)}${type === '' ? '' : ` : ${type}`}`;
      return member === '' ? [] : [`${INDENT}${INDENT}${member}`];
    });
    if (members.length === 0) lines.push(`${INDENT}class ${id}${label}`);
    else lines.push(`${INDENT}class ${id}${label} {`, ...members, `${INDENT}}`);
  });
  for (const [child, parent] of model.inheritance) lines.push(`${INDENT}${ids[parent]} <|-- ${ids[child]}`);
  for (const edge of model.associations) {
    const arrow = edge.kind === 'field' ? '-->' : '..>';
    const label = withLabel(edge.label);
    lines.push(`${INDENT}${ids[edge.from]} ${arrow} ${ids[edge.to]}${label}`);
  }
  return lines.join('\n');
}

/** The id each structure has in the class diagram: its name, or `S<index>` for a name Mermaid could misread. */
export function structureIds(model: DataModel): string[] {
  return model.structures.map((s, i) => identifier(s.name, `S${i}`));
}

/** A `stateDiagram-v2`: the initial state, then each transition in order. */
export function stateDiagramText(machine: StateMachine): string {
  const ids = new Map<string, string>();
  const lines = ['stateDiagram-v2'];
  const idOf = (state: string): string => {
    let id = ids.get(state);
    if (id === undefined) {
      id = identifier(state, `S${ids.size}`);
      // Two states whose names differ may not share an id: a readable id only for the first to claim it.
      if ([...ids.values()].includes(id)) id = `S${ids.size}`;
      ids.set(state, id);
      const label = escaped(state);
      if (id !== state && label !== '') lines.push(`${INDENT}state "${label}" as ${id}`);
    }
    return id;
  };
  if (machine.initial !== undefined) lines.push(`${INDENT}[*] --> ${idOf(machine.initial)}`);
  for (const t of machine.transitions) {
    const from = idOf(t.from);
    const to = idOf(t.to);
    lines.push(`${INDENT}${from} --> ${to}${withLabel(t.event)}`);
  }
  return lines.join('\n');
}

/**
 * Words Mermaid's class and state grammars read as keywords (in any case): never used as a bare id.
 * A name that is one, or is not a plain ASCII identifier, is drawn under a generated id with its name as the label.
 */
const KEYWORDS = new Set([
  'class',
  'classdef',
  'classdiagram',
  'cssclass',
  'callback',
  'click',
  'direction',
  'end',
  'graph',
  'href',
  'link',
  'namespace',
  'note',
  'state',
  'statediagram',
  'style',
  'as',
  'annotation',
  'interface',
  'accdescr',
  'acctitle',
  'default',
  'call',
  'fork',
  'join',
  'choice',
  'concurrent',
  'hide',
  'empty',
  'description',
  'tb',
  'bt',
  'lr',
  'rl',
  'left',
  'right',
  'of',
  'over',
]);

const PLAIN_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

function identifier(name: string, fallback: string): string {
  return PLAIN_IDENTIFIER.test(name) && !KEYWORDS.has(name.toLowerCase()) && !/^S\d+$/.test(name) ? name : fallback;
}

/** Letters, digits, spaces and marks no Mermaid grammar gives a meaning inside a label; everything else becomes an entity code. */
const SAFE = /[\p{L}\p{N} _.,?!]/u;

/** ` : label` after an edge; nothing for an empty label. */
function withLabel(text: string): string {
  const label = escaped(text);
  return label === '' ? '' : ` : ${label}`;
}

/** Text as a Mermaid label: one line, entity codes for anything that could end or change the label. */
function escaped(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ').trim()) out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}
