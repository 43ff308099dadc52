import type {
  Blueprint,
  CodeSyntaxError,
  FieldLine,
  Heading,
  HtmlSnippet,
  Placeholder,
  Relationship,
  Section,
  Structure,
} from './blueprint';
import { analyseChunk, type Block, type ChunkFacts } from './chunk-analysis';
import { chunkStarts, type ChunkingOptions } from './section-chunks';
import { shiftSpan, type Span } from './span';

interface Chunk {
  readonly start: number;
  readonly text: string;
  facts: ChunkFacts;
}

/** An analysis of one text under way: its steps, and the chunk facts found so far. */
interface Analysis {
  readonly text: string;
  readonly steps: Generator<void, Chunk[]>;
  /** The facts of every chunk the analysis has used, parsed or found in the cache. */
  readonly facts: Map<string, ChunkFacts>;
  chunks: Chunk[] | undefined;
}

export interface ParserOptions {
  /** `false` parses the whole text as one chunk: the reference the property tests compare with. */
  readonly chunked?: boolean;
  /** Where the text may be cut (tests cut at every paragraph boundary to exercise them all). */
  readonly chunking?: ChunkingOptions;
}

/**
 * Turns a document's text into a Blueprint. It keeps the facts of the chunks it parsed last time,
 * so after an edit only the chunks whose text changed are parsed again; the result is exactly that
 * of parsing the whole text (checked by the property tests).
 * One parser per document: its cache holds only the chunks of that document's latest text.
 */
export class BlueprintParser {
  private cache = new Map<string, ChunkFacts>();
  /** The analysis `prepare` is working through. */
  private preparing: Analysis | undefined;

  private parsedOnce = false;

  constructor(private readonly options: ParserOptions = {}) {}

  /** Whether this parser has parsed a text before (its cache then holds that text's chunks). */
  get hasParsed(): boolean {
    return this.parsedOnce;
  }

  /**
   * Analyses the chunks of `text` that are not cached yet, one after another (joined chunks and
   * chunks re-read with other chunks' definitions included), until `timeUp()` says to stop; true
   * once every one is. `parse(text)` then only assembles. This lets a server spread the first
   * analysis of a long document over many turns of its event loop instead of freezing.
   */
  prepare(text: string, timeUp: () => boolean): boolean {
    const analysis = this.analysisOf(text);
    while (!analysis.chunks) {
      const step = analysis.steps.next();
      if (step.done) analysis.chunks = step.value;
      else if (timeUp()) return false;
    }
    return true;
  }

  parse(text: string): Blueprint {
    const analysis = this.analysisOf(text);
    while (!analysis.chunks) {
      const step = analysis.steps.next();
      if (step.done) analysis.chunks = step.value;
    }
    this.cache = analysis.facts;
    this.preparing = undefined;
    this.parsedOnce = true;
    return assemble(analysis.chunks, text.length);
  }

  /** The analysis of `text` under way, or a new one; what an abandoned one found stays cached. */
  private analysisOf(text: string): Analysis {
    if (this.preparing?.text === text) return this.preparing;
    if (this.preparing) for (const [key, facts] of this.preparing.facts) this.cache.set(key, facts);
    const facts = new Map<string, ChunkFacts>();
    this.preparing = { text, steps: this.analyse(text, this.cache, facts), facts, chunks: undefined };
    return this.preparing;
  }

  /**
   * The chunks of `text` with their facts, taken from `previous` or parsed (each parse is a step:
   * the analysis yields after it). Every fact used is recorded in `used`.
   */
  private *analyse(text: string, previous: ReadonlyMap<string, ChunkFacts>, used: Map<string, ChunkFacts>): Generator<void, Chunk[]> {
    const starts = this.options.chunked === false ? [0] : chunkStarts(text, this.options.chunking);
    const chunks: Chunk[] = [];
    let i = 0;
    while (i < starts.length) {
      const start = starts[i]!;
      let endIndex = i + 1;
      let chunkText = text.slice(start, starts[endIndex] ?? text.length);
      let key = cacheKey(chunkText, '', start);
      let facts = used.get(key) ?? previous.get(key);
      if (!facts) {
        facts = analyseChunk(chunkText, '', start === 0);
        used.set(key, facts);
        yield;
      } else used.set(key, facts);
      // A cut inside a fence or HTML block was wrong: join the chunk with the next and try again.
      while (facts.endsOpen && endIndex < starts.length) {
        endIndex++;
        chunkText = text.slice(start, starts[endIndex] ?? text.length);
        key = cacheKey(chunkText, '', start);
        facts = used.get(key) ?? previous.get(key);
        if (!facts) {
          facts = analyseChunk(chunkText, '', start === 0);
          used.set(key, facts);
          yield;
        } else used.set(key, facts);
      }
      chunks.push({ start, text: chunkText, facts });
      i = endIndex;
    }
    yield* this.resolveDefinitionsAcrossChunks(chunks, previous, used);
    return chunks;
  }

  /**
   * Reference definitions apply to the whole document. A chunk whose bracketed text names a
   * definition from another chunk is parsed again with those definitions in front of it.
   */
  private *resolveDefinitionsAcrossChunks(
    chunks: Chunk[],
    previous: ReadonlyMap<string, ChunkFacts>,
    used: Map<string, ChunkFacts>,
  ): Generator<void, void> {
    if (chunks.length < 2 || !chunks.some((c) => c.facts.definitions.length > 0)) return;
    const definedIn = new Map<string, { chunk: Chunk; source: string }>();
    for (const chunk of chunks) {
      for (const d of chunk.facts.definitions) if (!definedIn.has(d.label)) definedIn.set(d.label, { chunk, source: d.source });
    }
    for (const chunk of chunks) {
      const needed = new Set<string>();
      for (const label of chunk.facts.unresolvedLabels) {
        const definition = definedIn.get(label);
        if (definition && definition.chunk !== chunk) needed.add(definition.source);
      }
      if (needed.size === 0) continue;
      const definitions = [...needed].sort().join('\n\n');
      const key = cacheKey(chunk.text, definitions, chunk.start);
      let facts = used.get(key) ?? previous.get(key);
      if (!facts) {
        facts = analyseChunk(chunk.text, definitions, chunk.start === 0);
        used.set(key, facts);
        chunk.facts = facts;
        yield;
      } else {
        used.set(key, facts);
        chunk.facts = facts;
      }
    }
  }
}

/**
 * The cache key of a chunk's facts: its text, after the definitions parsed in front of it. The
 * document's first chunk has a key of its own, as front matter is read only there.
 */
function cacheKey(chunkText: string, definitions: string, start: number): string {
  const key = definitions ? definitions + '\u0000' + chunkText : chunkText;
  return start === 0 ? '\u0001' + key : key;
}

/** Parses a text once, without keeping anything: for templates, the CLI and tests. */
export function parseBlueprint(text: string): Blueprint {
  return new BlueprintParser().parse(text);
}

interface PlacedBlock {
  readonly block: Block;
  readonly span: Span;
}

/** A chunk's facts at their offsets in the document. */
type PlacedChunk = Pick<
  ChunkFacts,
  'placeholders' | 'structures' | 'typescriptErrors' | 'relationships' | 'degraded' | 'directiveComments' | 'codeBlocks'
> & {
  readonly start: number;
  readonly blocks: readonly PlacedBlock[];
};

// After a keystroke the chunks before it keep their text and their offset: their facts, placed,
// are reused instead of being copied again, which is most of what a keystroke would allocate.
const placedChunks = new WeakMap<ChunkFacts, PlacedChunk>();

function placed(facts: ChunkFacts, start: number): PlacedChunk {
  const known = placedChunks.get(facts);
  if (known?.start === start) return known;
  const placedChunk: PlacedChunk = {
    start,
    blocks: facts.blocks.map((block) => ({ block, span: shiftSpan(block.span, start) })),
    placeholders: start ? facts.placeholders.map((p) => ({ text: p.text, span: shiftSpan(p.span, start) })) : facts.placeholders,
    structures: start ? facts.structures.map((s) => shiftStructure(s, start)) : facts.structures,
    typescriptErrors: start
      ? facts.typescriptErrors.map((e) => ({ message: e.message, span: shiftSpan(e.span, start) }))
      : facts.typescriptErrors,
    relationships: start ? facts.relationships.map((r) => shiftRelationship(r, start)) : facts.relationships,
    degraded: facts.degraded.map((d) => shiftSpan(d, start)),
    directiveComments: start
      ? facts.directiveComments.map((c) => ({ text: c.text, span: shiftSpan(c.span, start) }))
      : facts.directiveComments,
    codeBlocks: facts.codeBlocks.map((b) => shiftSpan(b, start)),
  };
  placedChunks.set(facts, placedChunk);
  return placedChunk;
}

function assemble(chunks: readonly Chunk[], length: number): Blueprint {
  const blocks: PlacedBlock[] = [];
  const placeholders: Placeholder[] = [];
  const structures: Structure[] = [];
  const typescriptErrors: CodeSyntaxError[] = [];
  const relationships: Relationship[] = [];
  const degraded: Span[] = [];
  const directiveComments: HtmlSnippet[] = [];
  const codeBlocks: Span[] = [];
  for (const { start, facts } of chunks) {
    const chunk = placed(facts, start);
    for (const d of chunk.degraded) degraded.push(d);
    for (const c of chunk.directiveComments) directiveComments.push(c);
    for (const b of chunk.codeBlocks) codeBlocks.push(b);
    let first = 0;
    const previous = blocks[blocks.length - 1];
    const next = chunk.blocks[0];
    if (previous && next && continuesList(previous, next, start)) {
      // A cut between two items of one list: the two halves are one block again.
      blocks[blocks.length - 1] = { block: previous.block, span: { start: previous.span.start, end: next.span.end } };
      first = 1;
    }
    for (let i = first; i < chunk.blocks.length; i++) blocks.push(chunk.blocks[i]!);
    for (const p of chunk.placeholders) placeholders.push(p);
    for (const s of chunk.structures) structures.push(s);
    for (const e of chunk.typescriptErrors) typescriptErrors.push(e);
    for (const r of chunk.relationships) relationships.push(r);
  }
  placeholders.sort((a, b) => a.span.start - b.span.start);

  const run = footerRun(blocks);
  const footer: FieldLine[] = [];
  if (run) {
    for (let i = run.start; i < run.end; i++) {
      const { block, span } = blocks[i]!;
      if (block.kind === 'fields') for (const f of block.fields) footer.push(shiftField(f, span.start - block.span.start));
    }
  }
  // What follows the footer (definitions, a closing line) belongs to no section.
  const body = run ? blocks.slice(0, run.start) : blocks;

  const firstHeading = body.find((b) => b.block.kind === 'heading');
  const title =
    firstHeading && firstHeading.block.kind === 'heading' && firstHeading.block.heading.depth === 1
      ? shiftHeading(firstHeading.block.heading, firstHeading.span.start - firstHeading.block.span.start)
      : undefined;

  const frontMatter = blocks[0]?.block.kind === 'frontMatter' ? blocks[0].span : undefined;
  return {
    frontMatter,
    title,
    sections: buildSections(body),
    placeholders,
    structures,
    typescriptErrors,
    relationships,
    footer,
    length,
    degraded,
    directiveComments,
    codeBlocks,
  };
}

/**
 * Whether a chunk's first block is the rest of the list that ends the chunk before: both lists of the
 * same marker, only a line break between them (two such lists are one in a parse of the whole text).
 */
function continuesList(previous: PlacedBlock, next: PlacedBlock, chunkStart: number): boolean {
  return (
    previous.block.kind === 'list' &&
    next.block.kind === 'list' &&
    previous.block.marker === next.block.marker &&
    next.span.start === chunkStart &&
    chunkStart - previous.span.end <= 2
  );
}

/** What may follow a footer that no thematic break sets apart: definitions, comments and breaks. */
const TRAILING_MATTER = new Set<Block['kind']>(['definition', 'comment', 'break']);
/** What, between the last heading and a run of field lines, is not content of that (sub)section. */
const NOT_CONTENT = new Set<Block['kind']>(['comment', 'guidance', 'break']);

/**
 * The blocks of the footer: the last run of `**Label**: value` paragraphs after the document's last
 * heading (comments may stand among them), when either
 * - a thematic break stands between that heading and the run, as the template has it: then
 *   anything may follow (reference and footnote definitions, a closing paragraph, comments); or
 * - nothing sets it apart, but only definitions, comments and breaks follow it and, under a section
 *   heading, other content precedes it.
 * So the field lines that are a last subsection's only content (`**Check**: …`) are that content,
 * not a footer, and what follows a footer is no section's content.
 */
function footerRun(blocks: readonly PlacedBlock[]): { readonly start: number; readonly end: number } | undefined {
  let lastHeading = blocks.length - 1;
  while (lastHeading >= 0 && blocks[lastHeading]!.block.kind !== 'heading') lastHeading--;
  let end = blocks.length;
  while (end > lastHeading + 1 && blocks[end - 1]!.block.kind !== 'fields') end--;
  if (end === lastHeading + 1) return undefined;
  let start = end - 1;
  for (let i = start - 1; i > lastHeading; i--) {
    const kind = blocks[i]!.block.kind;
    if (kind === 'fields') start = i;
    else if (kind !== 'comment') break;
  }
  const before = blocks.slice(lastHeading + 1, start);
  if (before.some((b) => b.block.kind === 'break')) return { start, end };
  if (!blocks.slice(end).every((b) => TRAILING_MATTER.has(b.block.kind))) return undefined;
  const heading = blocks[lastHeading]?.block;
  const underSection = heading?.kind === 'heading' && heading.heading.depth > 1;
  return !underSection || before.some((b) => !NOT_CONTENT.has(b.block.kind)) ? { start, end } : undefined;
}

function buildSections(blocks: readonly PlacedBlock[]): Section[] {
  const sections: Section[] = [];
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i]!;
    if (b.block.kind === 'heading' && b.block.heading.depth === 2) {
      const end = nextHeadingAtOrAbove(blocks, i + 1, 2);
      sections.push(buildSection(blocks, i, end, true));
      i = end;
    } else {
      i++;
    }
  }
  return sections;
}

function buildSection(blocks: readonly PlacedBlock[], headingIndex: number, end: number, withSubsections: boolean): Section {
  const headingBlock = blocks[headingIndex]!;
  const heading = placedHeading(headingBlock);
  let guidance: Section['guidance'];
  let contentBlockCount = 0;
  let contentEnd = headingBlock.span.end;
  const subsections: Section[] = [];
  for (let j = headingIndex + 1; j < end; j++) {
    const b = blocks[j]!;
    const kind = b.block.kind;
    if (kind === 'break' || kind === 'comment') continue;
    contentEnd = b.span.end;
    if (j === headingIndex + 1 && b.block.kind === 'guidance') {
      guidance = { text: b.block.text, span: b.span };
      continue;
    }
    contentBlockCount++;
    if (withSubsections && kind === 'heading' && b.block.kind === 'heading' && b.block.heading.depth === 3) {
      const subEnd = nextHeadingAtOrAbove(blocks, j + 1, 3, end);
      subsections.push(buildSection(blocks, j, subEnd, false));
    }
  }
  const last = blocks[end - 1]!;
  return {
    heading,
    span: { start: headingBlock.span.start, end: Math.max(last.span.end, headingBlock.span.end) },
    guidance,
    contentEnd,
    contentBlockCount,
    subsections,
  };
}

function nextHeadingAtOrAbove(blocks: readonly PlacedBlock[], from: number, depth: number, limit = blocks.length): number {
  for (let j = from; j < limit; j++) {
    const b = blocks[j]!.block;
    if (b.kind === 'heading' && b.heading.depth <= depth) return j;
  }
  return limit;
}

function placedHeading(placed: PlacedBlock): Heading {
  const b = placed.block;
  if (b.kind !== 'heading') throw new Error('not a heading');
  return shiftHeading(b.heading, placed.span.start - b.span.start);
}

function shiftHeading(h: Heading, by: number): Heading {
  return by ? { depth: h.depth, text: h.text, span: shiftSpan(h.span, by), textSpan: shiftSpan(h.textSpan, by) } : h;
}

function shiftField(f: FieldLine, by: number): FieldLine {
  if (by === 0) return f;
  return {
    label: f.label,
    labelSpan: shiftSpan(f.labelSpan, by),
    value: f.value,
    valueSpan: shiftSpan(f.valueSpan, by),
    span: shiftSpan(f.span, by),
  };
}

function shiftStructure(s: Structure, by: number): Structure {
  return {
    kind: s.kind,
    name: s.name,
    nameSpan: shiftSpan(s.nameSpan, by),
    nameIsPlaceholder: s.nameIsPlaceholder,
    span: shiftSpan(s.span, by),
    fields: s.fields.map((f) => ({ name: f.name, nameSpan: shiftSpan(f.nameSpan, by), span: shiftSpan(f.span, by), type: f.type })),
    typeReferences: s.typeReferences.map((r) => ({ name: r.name, span: shiftSpan(r.span, by) })),
  };
}

function shiftRelationship(r: Relationship, by: number): Relationship {
  const part = (p: Relationship['from']) => ({ text: p.text, span: shiftSpan(p.span, by), isPlaceholder: p.isPlaceholder });
  return { span: shiftSpan(r.span, by), from: part(r.from), verb: part(r.verb), to: part(r.to) };
}
