import type { Blueprint, BlueprintChunk, FieldLine, Heading, Placeholder, Relationship, Section, Structure } from './blueprint';
import { analyseChunk, type Block, type ChunkFacts } from './chunk-analysis';
import { cutsAfter, type ChunkingOptions } from './section-chunks';
import { shiftSpan } from './span';

/**
 * A chunk's text and what was read from it, shared by every version of the document in which the
 * chunk is unchanged: its facts are relative to its own start, so a chunk that an edit before it
 * moves is neither parsed, nor hashed, nor placed again until a feature asks where its facts are.
 */
interface ChunkPiece {
  readonly text: string;
  /** The document's first chunk, the only one read with front matter support. */
  readonly first: boolean;
  /** The facts of the text parsed alone. */
  readonly own: ChunkFacts;
  /** The facts with other chunks' reference definitions parsed in front (the last such parse). */
  resolved: { readonly definitions: string; readonly facts: ChunkFacts } | undefined;
  /** The facts placed at an offset: kept for the next version that finds the chunk there. */
  placed: PlacedChunk | undefined;
  /** Where each line of the text after the first starts (worked out when first asked). */
  lineStarts: number[] | undefined;
}

/** A chunk of one version: where it starts and the facts that count there. Never changed once made. */
interface Chunk {
  readonly start: number;
  readonly piece: ChunkPiece;
  /** `piece.own`, or `piece.resolved.facts` when the chunk uses definitions from other chunks. */
  readonly facts: ChunkFacts;
}

/** An analysis of one text under way: its steps, and its chunks once they are all known. */
interface Analysis {
  readonly text: string;
  readonly steps: Generator<void, Chunk[]>;
  /** Every piece the analysis has parsed or found: what an analysis abandoned for a newer text leaves to the next one. */
  readonly pieces: Map<string, ChunkPiece>;
  chunks: Chunk[] | undefined;
  /** The sections and the footer, when `prepare` worked them out (else the model does when first asked). */
  structureSteps: Generator<void, DocumentStructure> | undefined;
  structure: DocumentStructure | undefined;
}

export interface ParserOptions {
  /** `false` parses the whole text as one chunk: the reference the property tests compare with. */
  readonly chunked?: boolean;
  /** Where the text may be cut (tests cut at every paragraph boundary to exercise them all). */
  readonly chunking?: ChunkingOptions;
}

/**
 * Turns a document's text into a Blueprint. It keeps the chunks of the text it parsed last, so
 * after an edit only the edited region is cut again and only the chunks whose text changed are
 * parsed again; chunks after the edit keep their facts (relative to their start) and only move.
 * Told where the text was edited (`edited`, from the editor's change events), it reads nothing
 * outside that region but the chunk before it; not told, it finds the region by comparing the
 * texts. The result is exactly that of parsing the whole text (checked by the property tests).
 * One parser per document.
 */
export class BlueprintParser {
  /** The chunks of the text parsed last (empty before the first parse), and that text. */
  private chunks: readonly Chunk[] = [];
  private text = '';
  /** What the edits since the last parse left unchanged at both ends, and the edited text's length. */
  private unchanged: { prefix: number; suffix: number; length: number } = { prefix: 0, suffix: 0, length: 0 };
  /** The analysis `prepare` is working through. */
  private preparing: Analysis | undefined;
  /** Pieces an abandoned analysis parsed, for the next analysis to find. */
  private spare = new Map<string, ChunkPiece>();

  private parsedOnce = false;

  constructor(private readonly options: ParserOptions = {}) {}

  /** Whether this parser has parsed a text before (it then keeps that text's chunks). */
  get hasParsed(): boolean {
    return this.parsedOnce;
  }

  /**
   * The text was edited since the last parse: `start` to `end` (offsets in the text as it was just
   * before this edit) replaced by `insertedLength` characters. Edits are told in the order they
   * were applied; the next parse then cuts only the region they touched again.
   */
  edited(start: number, end: number, insertedLength: number): void {
    const u = this.unchanged;
    u.prefix = Math.min(u.prefix, start);
    u.suffix = Math.min(u.suffix, u.length - end);
    u.length += insertedLength - (end - start);
  }

  /**
   * Analyses the chunks of `text` that are not known yet, one after another (joined chunks and
   * chunks re-read with other chunks' definitions included), until `timeUp()` says to stop; true
   * once every one is. `parse(text)` then only assembles (and the model's arrays are placed when
   * first read). This lets a server spread the first analysis of a long document over many turns
   * of its event loop instead of freezing.
   */
  prepare(text: string, timeUp: () => boolean): boolean {
    const analysis = this.analysisOf(text);
    while (!analysis.chunks) {
      const step = analysis.steps.next();
      if (step.done) analysis.chunks = step.value;
      else if (timeUp()) return false;
    }
    // Then the sections and the footer, in steps too: a long document has tens of thousands of blocks.
    if (analysis.structure) return true;
    analysis.structureSteps ??= structureSteps(analysis.chunks);
    for (;;) {
      const step = analysis.structureSteps.next();
      if (step.done) {
        analysis.structure = step.value;
        return true;
      }
      if (timeUp()) return false;
    }
  }

  parse(text: string): Blueprint {
    const analysis = this.analysisOf(text);
    while (!analysis.chunks) {
      const step = analysis.steps.next();
      if (step.done) analysis.chunks = step.value;
    }
    this.chunks = analysis.chunks;
    this.text = text;
    this.unchanged = { prefix: text.length, suffix: text.length, length: text.length };
    this.spare = new Map();
    this.preparing = undefined;
    this.parsedOnce = true;
    return assemble(analysis.chunks, text.length, analysis.structure);
  }

  /** The analysis of `text` under way, or a new one; what an abandoned one parsed stays at hand. */
  private analysisOf(text: string): Analysis {
    if (this.preparing?.text === text) return this.preparing;
    if (this.preparing) for (const [key, piece] of this.preparing.pieces) this.spare.set(key, piece);
    const pieces = new Map<string, ChunkPiece>();
    this.preparing = {
      text,
      steps: this.analyse(text, pieces),
      pieces,
      chunks: undefined,
      structureSteps: undefined,
      structure: undefined,
    };
    return this.preparing;
  }

  /** How much of the last parsed text `text` keeps at its start and at its end. */
  private unchangedEnds(text: string): { readonly prefix: number; readonly suffix: number } {
    const previous = this.text;
    const limit = Math.min(previous.length, text.length);
    const u = this.unchanged;
    if (u.length === text.length && u.prefix + u.suffix <= limit) return u;
    // Not told how the text changed (or told wrongly): compare.
    let prefix = 0;
    while (prefix < limit && previous.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < limit - prefix && previous.charCodeAt(previous.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix))
      suffix++;
    return { prefix, suffix };
  }

  /**
   * The chunks of `text` with their facts. The chunks of the last parse before the edited region
   * are kept as they are; from the chunk before the one holding the first edited character, the
   * text is cut again until a cut falls on a chunk start of the last parse past the edited region,
   * and from there the last parse's chunks are kept, moved by the change in length. A chunk whose
   * text is a known piece's is not parsed again; each parse is a step (the analysis yields after it).
   */
  private *analyse(text: string, pieces: Map<string, ChunkPiece>): Generator<void, Chunk[]> {
    const previous = this.options.chunked === false ? [] : this.chunks;
    let keep = 0;
    let delta = 0;
    let previousChangeEnd = 0;
    if (previous.length > 0) {
      const { prefix, suffix } = this.unchangedEnds(text);
      delta = text.length - this.text.length;
      previousChangeEnd = this.text.length - suffix;
      // A cut at a line's start depends on the line before it: cut again from the chunk before.
      keep = Math.max(0, chunkIndexAt(previous, prefix) - 1);
    }
    const chunks = previous.slice(0, keep);
    const from = previous[keep]?.start ?? 0;
    // The last parse's pieces around the edit, by text, for cut-again chunks whose text did not change.
    const known = new Map<string, ChunkPiece>();
    let nextKnown = keep;
    const find = (chunkText: string, start: number, end: number): ChunkPiece | undefined => {
      while (nextKnown < previous.length && movedStart(previous[nextKnown]!.start) < end) {
        const piece = previous[nextKnown++]!.piece;
        known.set(pieceKey(piece.text, piece.first), piece);
      }
      const key = pieceKey(chunkText, start === 0);
      return pieces.get(key) ?? known.get(key) ?? this.spare.get(key);
    };
    const movedStart = (start: number) => (start >= previousChangeEnd ? start + delta : start);
    let resync = keep;
    /** Where the chunks kept from the last parse after the edit begin, once the cut found them. */
    let regionEnd: number | undefined;
    const cuts = this.options.chunked === false ? undefined : cutsAfter(text, from, this.options.chunking);
    const nextCut = () => cuts?.next().value ?? text.length;
    let start = from;
    for (;;) {
      let end = nextCut();
      let chunkText = text.slice(start, end);
      let piece = find(chunkText, start, end);
      if (!piece) {
        piece = newPiece(chunkText, start === 0);
        yield;
      }
      pieces.set(pieceKey(chunkText, start === 0), piece);
      // A cut inside a fence or HTML block was wrong: join the chunk with the next and try again.
      while (piece.own.endsOpen && end < text.length) {
        end = nextCut();
        chunkText = text.slice(start, end);
        piece = find(chunkText, start, end);
        if (!piece) {
          piece = newPiece(chunkText, start === 0);
          yield;
        }
        pieces.set(pieceKey(chunkText, start === 0), piece);
      }
      chunks.push({ start, piece, facts: piece.own });
      if (end >= text.length) break;
      start = end;
      // Past the edit, a cut on a chunk start of the last parse: from there on, the chunks are the last parse's.
      if (end - delta >= previousChangeEnd) {
        while (resync < previous.length && previous[resync]!.start < end - delta) resync++;
        const same = previous[resync];
        if (same && same.start === end - delta && same.start >= previousChangeEnd) {
          regionEnd = chunks.length;
          for (let i = resync; i < previous.length; i++) {
            const chunk = previous[i]!;
            chunks.push(delta === 0 ? chunk : { start: chunk.start + delta, piece: chunk.piece, facts: chunk.facts });
          }
          break;
        }
      }
    }
    if (regionEnd === undefined) resync = previous.length;
    // The chunks outside the cut-again region keep the facts they had, definitions included, unless
    // the region's reference definitions changed.
    const sameDefinitions =
      previous.length > 0 && sameDefinitionsIn(previous.slice(keep, resync), chunks.slice(keep, regionEnd ?? chunks.length));
    yield* resolveDefinitionsAcrossChunks(chunks, sameDefinitions ? { from: keep, to: regionEnd ?? chunks.length } : undefined);
    return chunks;
  }
}

function newPiece(text: string, first: boolean): ChunkPiece {
  return { text, first, own: analyseChunk(text, '', first), resolved: undefined, placed: undefined, lineStarts: undefined };
}

/** The document's first chunk is a piece of its own, as front matter is read only there. */
function pieceKey(text: string, first: boolean): string {
  return first ? '\u0001' + text : text;
}

/** The index of the last chunk that starts at or before `offset`. */
function chunkIndexAt(chunks: readonly Chunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/** Whether two runs of chunks hold the same reference definitions, in the same order. */
function sameDefinitionsIn(before: readonly Chunk[], after: readonly Chunk[]): boolean {
  const sources = (chunks: readonly Chunk[]) => chunks.flatMap((c) => c.piece.own.definitions.map((d) => d.label + '\u0000' + d.source));
  const a = sources(before);
  const b = sources(after);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Reference definitions apply to the whole document. A chunk whose bracketed text names a
 * definition from another chunk is parsed again with those definitions in front of it (once: the
 * piece keeps that parse while the definitions it needs stay the same). `only`: the chunks cut
 * again after an edit that changed no definition; the others keep the facts they had.
 */
function* resolveDefinitionsAcrossChunks(chunks: Chunk[], only?: { readonly from: number; readonly to: number }): Generator<void, void> {
  const from = only?.from ?? 0;
  const to = only?.to ?? chunks.length;
  let labelled = false;
  for (let i = from; i < to && !labelled; i++) labelled = chunks[i]!.piece.own.unresolvedLabels.length > 0;
  // The chunks cut again name no label: they need no definitions, and the others keep their facts.
  if (only && !labelled) {
    for (let i = from; i < to; i++) {
      const chunk = chunks[i]!;
      if (chunk.facts !== chunk.piece.own) chunks[i] = { start: chunk.start, piece: chunk.piece, facts: chunk.piece.own };
    }
    return;
  }
  let defined = false;
  for (const chunk of chunks) if (chunk.piece.own.definitions.length > 0) defined = true;
  // Which chunk (by index: two chunks of the same text share a piece) defines each label first.
  const definedIn = new Map<string, { chunk: number; source: string }>();
  if (defined && chunks.length > 1) {
    chunks.forEach((chunk, index) => {
      for (const d of chunk.piece.own.definitions) if (!definedIn.has(d.label)) definedIn.set(d.label, { chunk: index, source: d.source });
    });
  }
  for (let i = from; i < to; i++) {
    const chunk = chunks[i]!;
    const { piece } = chunk;
    let facts = piece.own;
    if (definedIn.size > 0 && piece.own.unresolvedLabels.length > 0) {
      const needed = new Set<string>();
      for (const label of piece.own.unresolvedLabels) {
        const definition = definedIn.get(label);
        if (definition && definition.chunk !== i) needed.add(definition.source);
      }
      if (needed.size > 0) {
        const definitions = [...needed].sort().join('\n\n');
        if (piece.resolved?.definitions !== definitions) {
          piece.resolved = { definitions, facts: analyseChunk(piece.text, definitions, piece.first) };
          facts = piece.resolved.facts;
          if (chunk.facts !== facts) chunks[i] = { start: chunk.start, piece, facts };
          yield;
          continue;
        }
        facts = piece.resolved.facts;
      }
    }
    if (chunk.facts !== facts) chunks[i] = { start: chunk.start, piece, facts };
  }
}

/** Parses a text once, without keeping anything: for templates, the CLI and tests. */
export function parseBlueprint(text: string): Blueprint {
  return new BlueprintParser().parse(text);
}

/** A chunk's facts at their offsets in the document. */
type PlacedFacts = Pick<
  ChunkFacts,
  'placeholders' | 'structures' | 'typescriptErrors' | 'relationships' | 'degraded' | 'directiveComments' | 'codeBlocks'
>;

/** The kinds of a chunk's facts placed at `start` so far. */
interface PlacedChunk {
  readonly start: number;
  /** The facts placed (a piece's own, or those read with other chunks' definitions). */
  readonly facts: ChunkFacts;
  readonly kinds: { -readonly [K in keyof PlacedFacts]?: PlacedFacts[K] };
}

/**
 * One kind of a chunk's facts at the chunk's offset, from the piece's last placing when the chunk
 * has not moved (the chunks before an edit), else placed again; each kind is placed only when read.
 */
function placed<K extends keyof PlacedFacts>(chunk: Chunk, name: K): PlacedFacts[K] {
  const { start, piece, facts } = chunk;
  if (piece.placed?.start !== start || piece.placed.facts !== facts) piece.placed = { start, facts, kinds: {} };
  const kinds = piece.placed.kinds;
  return (kinds[name] ??= place(facts, start, name));
}

function place<K extends keyof PlacedFacts>(facts: ChunkFacts, start: number, name: K): PlacedFacts[K] {
  const placing: { readonly [N in keyof PlacedFacts]: () => PlacedFacts[N] } = {
    placeholders: () => (start ? facts.placeholders.map((p) => ({ text: p.text, span: shiftSpan(p.span, start) })) : facts.placeholders),
    structures: () => (start ? facts.structures.map((s) => shiftStructure(s, start)) : facts.structures),
    typescriptErrors: () =>
      start ? facts.typescriptErrors.map((e) => ({ message: e.message, span: shiftSpan(e.span, start) })) : facts.typescriptErrors,
    relationships: () => (start ? facts.relationships.map((r) => shiftRelationship(r, start)) : facts.relationships),
    degraded: () => facts.degraded.map((d) => shiftSpan(d, start)),
    directiveComments: () =>
      start ? facts.directiveComments.map((c) => ({ text: c.text, span: shiftSpan(c.span, start) })) : facts.directiveComments,
    codeBlocks: () => facts.codeBlocks.map((b) => shiftSpan(b, start)),
  };
  return placing[name]();
}

type PlacedArrayName = keyof PlacedFacts;

/** The chunks' facts of one kind, placed, in document order. */
function placedAll<K extends PlacedArrayName>(chunks: readonly Chunk[], name: K): PlacedFacts[K][number][] {
  const all: PlacedFacts[K][number][] = [];
  for (const chunk of chunks) {
    if (chunk.facts[name].length === 0) continue;
    for (const item of placed(chunk, name)) all.push(item);
  }
  return all;
}

/**
 * The model of one version, from its chunks. What only needs the document's first blocks (front
 * matter, title) is read at once; every array is placed when a feature first reads it and kept with
 * the version, so a keystroke places only what the features it runs read.
 */
function assemble(chunks: readonly Chunk[], length: number, prepared?: DocumentStructure): Blueprint {
  let structure = prepared;
  const sectionsAndFooter = () => (structure ??= finish(structureSteps(chunks)));
  const arrays = new Map<PlacedArrayName, readonly unknown[]>();
  const array = <K extends PlacedArrayName>(name: K): PlacedFacts[K] => {
    let found = arrays.get(name);
    if (!found) {
      const all = placedAll(chunks, name);
      if (name === 'placeholders') (all as Placeholder[]).sort((a, b) => a.span.start - b.span.start);
      found = all;
      arrays.set(name, found);
    }
    return found as PlacedFacts[K];
  };
  const first = chunks[0];
  const firstBlock = first?.facts.blocks[0];
  let views: BlueprintChunk[] | undefined;
  const model: Blueprint = {
    frontMatter: firstBlock?.kind === 'frontMatter' ? shiftSpan(firstBlock.span, first!.start) : undefined,
    title: titleOf(chunks),
    get sections() {
      return sectionsAndFooter().sections;
    },
    get placeholders() {
      return array('placeholders');
    },
    get structures() {
      return array('structures');
    },
    get typescriptErrors() {
      return array('typescriptErrors');
    },
    get relationships() {
      return array('relationships');
    },
    get footer() {
      return sectionsAndFooter().footer;
    },
    length,
    get degraded() {
      return array('degraded');
    },
    get directiveComments() {
      return array('directiveComments');
    },
    get codeBlocks() {
      return array('codeBlocks');
    },
    chunks: [],
  };
  Object.defineProperty(model, 'chunks', { enumerable: false, get: () => (views ??= chunkViews(chunks)) });
  return model;
}

/** The chunks as features see them (`Blueprint.chunks`): each with the line it starts on. */
function chunkViews(chunks: readonly Chunk[]): BlueprintChunk[] {
  let line = 0;
  return chunks.map(({ start, piece, facts }) => {
    const view: BlueprintChunk = { start, line, facts, positionAt: (offset) => positionIn(piece, offset) };
    line += lineStartsOf(piece).length;
    return view;
  });
}

/** Line starts as the document counts them: after `\r\n`, `\r` or `\n`. */
function lineStartsOf(piece: ChunkPiece): number[] {
  if (!piece.lineStarts) {
    const starts: number[] = [];
    const text = piece.text;
    const lineBreak = /\r\n?|\n/g;
    while (lineBreak.exec(text) !== null) starts.push(lineBreak.lastIndex);
    piece.lineStarts = starts;
  }
  return piece.lineStarts;
}

function positionIn(piece: ChunkPiece, offset: number): { readonly line: number; readonly character: number } {
  const starts = lineStartsOf(piece);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return { line: lo, character: offset - (lo === 0 ? 0 : starts[lo - 1]!) };
}

/**
 * The document's first heading when it is a level-1 heading. (A footer comes after the last
 * heading, so the first heading is never part of one.)
 */
function titleOf(chunks: readonly Chunk[]): Heading | undefined {
  for (const chunk of chunks) {
    for (const block of chunk.facts.blocks) {
      if (block.kind === 'heading') return block.heading.depth === 1 ? shiftHeading(block.heading, chunk.start) : undefined;
    }
  }
  return undefined;
}

interface DocumentStructure {
  readonly sections: Section[];
  readonly footer: FieldLine[];
}

/** Runs steps to their end at once. */
function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How many chunks or sections a step of the structure's assembly takes. */
const ASSEMBLY_STEP = 64;

/** The sections and the footer from the chunks' blocks, in steps of ASSEMBLY_STEP chunks, then sections. */
function* structureSteps(chunks: readonly Chunk[]): Generator<void, DocumentStructure> {
  const blocks = new PlacedBlocks();
  let placedChunks = 0;
  for (const { start, facts } of chunks) {
    if (++placedChunks % ASSEMBLY_STEP === 0) yield;
    let first = 0;
    const next = facts.blocks[0];
    const last = blocks.length - 1;
    if (next && last >= 0 && continuesList(blocks, last, next, start)) {
      // A cut between two items of one list: the two halves are one block again.
      blocks.ends[last] = next.span.end + start;
      first = 1;
    }
    for (let i = first; i < facts.blocks.length; i++) blocks.push(facts.blocks[i]!, start);
  }
  const run = footerRun(blocks);
  const footer: FieldLine[] = [];
  if (run) {
    for (let i = run.start; i < run.end; i++) {
      const block = blocks.kinds[i]!;
      if (block.kind === 'fields') for (const f of block.fields) footer.push(shiftField(f, blocks.starts[i]! - block.span.start));
    }
  }
  // What follows the footer (definitions, a closing line) belongs to no section.
  return { sections: yield* sectionSteps(blocks, run ? run.start : blocks.length), footer };
}

/**
 * The document's blocks at their offsets, as three arrays rather than an object per block: a
 * keystroke places every block after the edit again, and numbers cost no allocation.
 */
class PlacedBlocks {
  readonly kinds: Block[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  get length(): number {
    return this.kinds.length;
  }

  push(block: Block, chunkStart: number): void {
    this.kinds.push(block);
    this.starts.push(block.span.start + chunkStart);
    this.ends.push(block.span.end + chunkStart);
  }
}

/**
 * Whether a chunk's first block is the rest of the list that ends the chunk before: both lists of the
 * same marker, only a line break between them (two such lists are one in a parse of the whole text).
 */
function continuesList(blocks: PlacedBlocks, previous: number, next: Block, chunkStart: number): boolean {
  const before = blocks.kinds[previous]!;
  return (
    before.kind === 'list' &&
    next.kind === 'list' &&
    before.marker === next.marker &&
    next.span.start === 0 &&
    chunkStart - blocks.ends[previous]! <= 2
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
function footerRun(blocks: PlacedBlocks): { readonly start: number; readonly end: number } | undefined {
  const kinds = blocks.kinds;
  let lastHeading = kinds.length - 1;
  while (lastHeading >= 0 && kinds[lastHeading]!.kind !== 'heading') lastHeading--;
  let end = kinds.length;
  while (end > lastHeading + 1 && kinds[end - 1]!.kind !== 'fields') end--;
  if (end === lastHeading + 1) return undefined;
  let start = end - 1;
  for (let i = start - 1; i > lastHeading; i--) {
    const kind = kinds[i]!.kind;
    if (kind === 'fields') start = i;
    else if (kind !== 'comment') break;
  }
  const before = kinds.slice(lastHeading + 1, start);
  if (before.some((b) => b.kind === 'break')) return { start, end };
  if (!kinds.slice(end).every((b) => TRAILING_MATTER.has(b.kind))) return undefined;
  const heading = kinds[lastHeading];
  const underSection = heading?.kind === 'heading' && heading.heading.depth > 1;
  return !underSection || before.some((b) => !NOT_CONTENT.has(b.kind)) ? { start, end } : undefined;
}

/** The sections of the blocks before `limit` (the footer's first block, or the end). */
function* sectionSteps(blocks: PlacedBlocks, limit: number): Generator<void, Section[]> {
  const sections: Section[] = [];
  let i = 0;
  while (i < limit) {
    const b = blocks.kinds[i]!;
    if (b.kind === 'heading' && b.heading.depth === 2) {
      const end = nextHeadingAtOrAbove(blocks, i + 1, 2, limit);
      sections.push(buildSection(blocks, i, end, true));
      if (sections.length % ASSEMBLY_STEP === 0) yield;
      i = end;
    } else {
      i++;
    }
  }
  return sections;
}

function buildSection(blocks: PlacedBlocks, headingIndex: number, end: number, withSubsections: boolean): Section {
  const { kinds, starts, ends } = blocks;
  const headingBlock = kinds[headingIndex]!;
  if (headingBlock.kind !== 'heading') throw new Error('not a heading');
  const heading = shiftHeading(headingBlock.heading, starts[headingIndex]! - headingBlock.span.start);
  let guidance: Section['guidance'];
  let contentBlockCount = 0;
  let contentEnd = ends[headingIndex]!;
  const subsections: Section[] = [];
  for (let j = headingIndex + 1; j < end; j++) {
    const b = kinds[j]!;
    const kind = b.kind;
    if (kind === 'break' || kind === 'comment') continue;
    contentEnd = ends[j]!;
    if (j === headingIndex + 1 && b.kind === 'guidance') {
      guidance = { text: b.text, span: { start: starts[j]!, end: ends[j]! } };
      continue;
    }
    contentBlockCount++;
    if (withSubsections && b.kind === 'heading' && b.heading.depth === 3) {
      const subEnd = nextHeadingAtOrAbove(blocks, j + 1, 3, end);
      subsections.push(buildSection(blocks, j, subEnd, false));
    }
  }
  return {
    heading,
    span: { start: starts[headingIndex]!, end: Math.max(ends[end - 1]!, ends[headingIndex]!) },
    guidance,
    contentEnd,
    contentBlockCount,
    subsections,
  };
}

function nextHeadingAtOrAbove(blocks: PlacedBlocks, from: number, depth: number, limit: number): number {
  for (let j = from; j < limit; j++) {
    const b = blocks.kinds[j]!;
    if (b.kind === 'heading' && b.heading.depth <= depth) return j;
  }
  return limit;
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
