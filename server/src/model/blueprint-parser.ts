import type { Blueprint, FieldLine, Heading, HtmlSnippet, Placeholder, Relationship, Section, Structure } from './blueprint';
import { analyseChunk, type Block, type ChunkFacts } from './chunk-analysis';
import { chunkStarts } from './section-chunks';
import { shiftSpan, type Span } from './span';

interface Chunk {
  readonly start: number;
  readonly text: string;
  facts: ChunkFacts;
}

/**
 * Turns a document's text into a Blueprint. It keeps the facts of the chunks it parsed last time,
 * so after an edit only the chunks whose text changed are parsed again; the result is exactly that
 * of parsing the whole text (checked by the property tests).
 * One parser per document: its cache holds only the chunks of that document's latest text.
 */
export class BlueprintParser {
  private cache = new Map<string, ChunkFacts>();
  /** The text `prepare` is working through, its chunk starts and how many of them are analysed. */
  private preparing: { readonly text: string; readonly starts: readonly number[]; next: number } | undefined;

  private parsedOnce = false;

  /** `chunked: false` parses the whole text as one chunk: the reference the property tests compare with. */
  constructor(private readonly options: { readonly chunked?: boolean } = {}) {}

  /** Whether this parser has parsed a text before (its cache then holds that text's chunks). */
  get hasParsed(): boolean {
    return this.parsedOnce;
  }

  /**
   * Analyses the chunks of `text` that are not cached yet, one after another, until `timeUp()` says
   * to stop; true once every chunk is. `parse(text)` then only assembles. This lets a server spread
   * the first analysis of a long document over many turns of its event loop instead of freezing.
   */
  prepare(text: string, timeUp: () => boolean): boolean {
    if (this.options.chunked === false) return true;
    if (this.preparing?.text !== text) this.preparing = { text, starts: chunkStarts(text), next: 0 };
    const preparing = this.preparing;
    const { starts } = preparing;
    while (preparing.next < starts.length) {
      const chunkText = text.slice(starts[preparing.next]!, starts[preparing.next + 1] ?? text.length);
      preparing.next++;
      if (this.cache.has(chunkText)) continue;
      this.cache.set(chunkText, analyseChunk(chunkText, ''));
      if (preparing.next < starts.length && timeUp()) return false;
    }
    return true;
  }

  parse(text: string): Blueprint {
    const previous = this.cache;
    const next = new Map<string, ChunkFacts>();
    const factsOf = (chunkText: string, definitions = ''): ChunkFacts => {
      const key = definitions ? definitions + '\u0000' + chunkText : chunkText;
      let facts = next.get(key) ?? previous.get(key);
      if (!facts) facts = analyseChunk(chunkText, definitions);
      next.set(key, facts);
      return facts;
    };

    const chunks = this.chunk(text, factsOf);
    this.resolveDefinitionsAcrossChunks(chunks, factsOf);
    this.cache = next;
    this.preparing = undefined;
    this.parsedOnce = true;
    return assemble(chunks, text.length);
  }

  private chunk(text: string, factsOf: (chunkText: string) => ChunkFacts): Chunk[] {
    const starts = this.options.chunked === false ? [0] : this.preparing?.text === text ? this.preparing.starts : chunkStarts(text);
    const chunks: Chunk[] = [];
    let i = 0;
    while (i < starts.length) {
      const start = starts[i]!;
      let endIndex = i + 1;
      let chunkText = text.slice(start, starts[endIndex] ?? text.length);
      let facts = factsOf(chunkText);
      // A cut inside a fence or HTML block was wrong: join the chunk with the next and try again.
      while (facts.endsOpen && endIndex < starts.length) {
        endIndex++;
        chunkText = text.slice(start, starts[endIndex] ?? text.length);
        facts = factsOf(chunkText);
      }
      chunks.push({ start, text: chunkText, facts });
      i = endIndex;
    }
    return chunks;
  }

  /**
   * Reference definitions apply to the whole document. A chunk whose bracketed text names a
   * definition from another chunk is parsed again with those definitions in front of it.
   */
  private resolveDefinitionsAcrossChunks(chunks: Chunk[], factsOf: (chunkText: string, definitions?: string) => ChunkFacts): void {
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
      if (needed.size > 0) chunk.facts = factsOf(chunk.text, [...needed].sort().join('\n\n'));
    }
  }
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
type PlacedChunk = Pick<ChunkFacts, 'placeholders' | 'structures' | 'relationships' | 'degraded' | 'directiveComments' | 'codeBlocks'> & {
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
  const relationships: Relationship[] = [];
  const degraded: Span[] = [];
  const directiveComments: HtmlSnippet[] = [];
  const codeBlocks: Span[] = [];
  for (const { start, facts } of chunks) {
    const chunk = placed(facts, start);
    for (const d of chunk.degraded) degraded.push(d);
    for (const c of chunk.directiveComments) directiveComments.push(c);
    for (const b of chunk.codeBlocks) codeBlocks.push(b);
    for (const b of chunk.blocks) blocks.push(b);
    for (const p of chunk.placeholders) placeholders.push(p);
    for (const s of chunk.structures) structures.push(s);
    for (const r of chunk.relationships) relationships.push(r);
  }
  placeholders.sort((a, b) => a.span.start - b.span.start);

  // The footer is the run of `**Label**: value` paragraphs that ends the document (HTML comments,
  // such as rule-control comments, may stand among or after them).
  let footerStart = blocks.length;
  let scan = blocks.length;
  while (scan > 0 && (blocks[scan - 1]!.block.kind === 'fields' || blocks[scan - 1]!.block.kind === 'comment')) {
    scan--;
    if (blocks[scan]!.block.kind === 'fields') footerStart = scan;
  }
  const footer: FieldLine[] = [];
  for (let i = footerStart; i < blocks.length; i++) {
    const { block, span } = blocks[i]!;
    if (block.kind === 'fields') for (const f of block.fields) footer.push(shiftField(f, span.start - block.span.start));
  }
  const body = blocks.slice(0, footerStart);

  const firstHeading = body.find((b) => b.block.kind === 'heading');
  const title =
    firstHeading && firstHeading.block.kind === 'heading' && firstHeading.block.heading.depth === 1
      ? shiftHeading(firstHeading.block.heading, firstHeading.span.start - firstHeading.block.span.start)
      : undefined;

  return {
    title,
    sections: buildSections(body),
    placeholders,
    structures,
    relationships,
    footer,
    length,
    degraded,
    directiveComments,
    codeBlocks,
  };
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
