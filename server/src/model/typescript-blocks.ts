import type * as Babel from '@babel/parser';
import type { CodeSyntaxError, Field, NameReference, Placeholder, Structure, StructureKind } from './blueprint';
import { shiftSpan, type Span } from './span';

// @babel/parser is two fifths of the server bundle and only needed once a typescript block is read:
// the shipped build keeps it in its own file (dist/babel-parser.js), loaded here on first use, so that
// the server answers `initialize` without compiling it.
let babel: typeof Babel | undefined;
function parse(...args: Parameters<typeof Babel.parse>): ReturnType<typeof Babel.parse> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of the bundle's own file, by design (see scripts/build.mjs)
  babel ??= require('@babel/parser') as typeof Babel;
  return babel.parse(...args);
}

export interface TypescriptFacts {
  readonly structures: Structure[];
  /** Placeholders in name positions (`interface [Name]`, `[SystemName]State`, `type [Alias] =`). */
  readonly placeholders: Placeholder[];
  /** What the parser could not read, each at the token it stopped on. */
  readonly syntaxErrors: CodeSyntaxError[];
}

// A declaration keyword followed by a name made of identifier characters and bracketed words.
// This is a scan of TypeScript source, not Markdown, and finds only name positions: array types,
// tuples, index signatures and element access never follow a declaration keyword.
const PLACEHOLDER_NAME = /\b(interface|type|class|enum)([ \t]+)((?:[A-Za-z0-9_$]|\[[A-Za-z][A-Za-z0-9 _\-/]*\])+)/g;
const BRACKETED = /\[[^\]]*\]/g;

/**
 * Reads the declarations of a fenced `typescript` block. `code` is the block's content with
 * container prefixes blanked, so its offsets plus `base` are document offsets.
 */
export function analyseTypescript(code: string, base: number): TypescriptFacts {
  const placeholders: Placeholder[] = [];
  // Placeholder names become identifiers of the same length so that the parser accepts them and
  // every offset it reports still points into the original text.
  const parseable = code.replace(PLACEHOLDER_NAME, (whole: string, keyword: string, gap: string, name: string, at: number) => {
    if (!name.includes('[')) return whole;
    const nameStart = at + keyword.length + gap.length;
    for (const m of name.matchAll(BRACKETED)) {
      placeholders.push({
        text: m[0].slice(1, -1),
        span: { start: base + nameStart + m.index, end: base + nameStart + m.index + m[0].length },
      });
    }
    return keyword + gap + name.replace(/[^A-Za-z0-9_$]/g, '_');
  });
  const structures: Structure[] = [];
  const syntaxErrors: CodeSyntaxError[] = [];
  const reported = new Set<number>();
  for (const piece of parseablePieces(parseable)) {
    for (const statement of piece.statements) {
      const structure = readDeclaration(statement, code, base);
      if (structure) structures.push(structure);
    }
    if (piece.declared) structures.push(declaredOnly(piece.declared, code, base));
    for (const error of piece.errors) {
      if (reported.has(error.index)) continue;
      reported.add(error.index);
      syntaxErrors.push({ message: error.message, span: shiftSpan(tokenAt(parseable, error.index), base) });
    }
  }
  structures.sort((a, b) => a.span.start - b.span.start);
  syntaxErrors.sort((a, b) => a.span.start - b.span.start);
  return { structures, placeholders, syntaxErrors };
}

interface ParseError {
  /** Where the parser stopped, as an offset into the code. */
  readonly index: number;
  /** The parser's message without its `(line:column)`. */
  readonly message: string;
}

interface ParsedPiece {
  readonly statements: BabelNode[];
  readonly errors: readonly ParseError[];
  /** The declaration a piece that does not parse starts with: its name still counts as declared. */
  readonly declared?: DeclarationLine;
}

interface DeclarationLine {
  readonly kind: StructureKind;
  /** Offsets into the code. */
  readonly name: Span;
  readonly span: Span;
}

const DECLARATION_LINE =
  /^[ \t]*(?:export[ \t]+)?(?:declare[ \t]+)?(?:abstract[ \t]+)?(interface|type|class|enum)[ \t]+([A-Za-z_$][\w$]*)/gm;

/**
 * The whole block when it parses; otherwise each top-level declaration on its own, so one broken
 * declaration does not hide the others. Each piece brings what the parser could not read.
 */
function parseablePieces(code: string): ParsedPiece[] {
  const whole = tryParse(code);
  if (whole.statements) return [{ statements: whole.statements, errors: whole.errors }];
  const lines = [...code.matchAll(DECLARATION_LINE)];
  const pieces: ParsedPiece[] = [];
  for (let i = 0; i < lines.length; i++) {
    // Blank everything outside the piece so offsets stay those of the whole block.
    const start = lines[i]!.index;
    const end = lines[i + 1]?.index ?? code.length;
    const parsed = tryParse(blankOutside(code, start, end));
    if (parsed.statements) {
      pieces.push({ statements: parsed.statements, errors: parsed.errors });
      continue;
    }
    const [line, kind, name] = lines[i]!;
    const nameStart = start + line.length - name!.length;
    const contentEnd = start + code.slice(start, end).trimEnd().length;
    pieces.push({
      statements: [],
      errors: parsed.errors,
      declared: {
        kind: kind as StructureKind,
        name: { start: nameStart, end: nameStart + name!.length },
        span: { start: start + line.length - line.trimStart().length, end: contentEnd },
      },
    });
  }
  // The parser stopped before the first declaration, or there is none: its own error says where.
  if (!pieces.some((p) => p.errors.length > 0)) pieces.push({ statements: [], errors: whole.errors });
  return pieces;
}

function blankOutside(code: string, start: number, end: number): string {
  return code.slice(0, start).replace(/[^\r\n]/g, ' ') + code.slice(start, end) + code.slice(end).replace(/[^\r\n]/g, ' ');
}

/** A declaration whose body does not parse: its name and extent, with no fields. */
function declaredOnly(declared: DeclarationLine, code: string, base: number): Structure {
  const name = code.slice(declared.name.start, declared.name.end);
  return {
    kind: declared.kind,
    name,
    nameSpan: shiftSpan(declared.name, base),
    nameIsPlaceholder: name.includes('['),
    span: shiftSpan(declared.span, base),
    fields: [],
    typeReferences: [],
  };
}

interface BabelNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface BabelError {
  readonly message: string;
  readonly loc?: { readonly index?: number };
  readonly pos?: number;
}

/** The statements when the code parses (with the errors it recovered from), else only the error that stopped it. */
function tryParse(code: string): { statements: BabelNode[] | undefined; errors: ParseError[] } {
  try {
    const file = parse(code, { sourceType: 'module', plugins: ['typescript'], errorRecovery: true }) as unknown as {
      program: { body: BabelNode[] };
      errors?: BabelError[];
    };
    return { statements: file.program.body, errors: (file.errors ?? []).flatMap((e) => parseError(e, code)) };
  } catch (error) {
    return { statements: undefined, errors: parseError(error as BabelError, code) };
  }
}

function parseError(error: BabelError, code: string): ParseError[] {
  const index = error.loc?.index ?? error.pos;
  if (typeof index !== 'number' || typeof error.message !== 'string') return [];
  return [{ index: Math.max(0, Math.min(index, code.length)), message: error.message.replace(/\s*\(\d+:\d+\)$/, '') }];
}

/**
 * The token an error points at: the identifier, the run of one punctuation character (`...`), or
 * the one character there. At the end of the code or on white space (a missing `}`), the token
 * before it, so the range is never empty.
 */
function tokenAt(code: string, index: number): Span {
  let at = index;
  if (at >= code.length || /\s/.test(code[at]!)) {
    while (at > 0 && /\s/.test(code[at - 1]!)) at--;
    if (at === 0) return { start: index, end: Math.min(code.length, index + 1) };
    // The last token before: back to its start.
    const last = code[at - 1]!;
    let start = at - 1;
    if (IDENTIFIER_CHAR.test(last)) while (start > 0 && IDENTIFIER_CHAR.test(code[start - 1]!)) start--;
    else while (start > 0 && code[start - 1] === last) start--;
    return { start, end: at };
  }
  let end = at + 1;
  if (IDENTIFIER_CHAR.test(code[at]!)) while (end < code.length && IDENTIFIER_CHAR.test(code[end]!)) end++;
  else while (end < code.length && code[end] === code[at]) end++;
  return { start: at, end };
}

const IDENTIFIER_CHAR = /[\w$]/;

const DECLARATION_KINDS: Record<string, StructureKind> = {
  TSInterfaceDeclaration: 'interface',
  TSTypeAliasDeclaration: 'type',
  ClassDeclaration: 'class',
  TSEnumDeclaration: 'enum',
};

function readDeclaration(statement: BabelNode, code: string, base: number): Structure | undefined {
  const node =
    statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
      ? ((statement['declaration'] as BabelNode | null) ?? undefined)
      : statement;
  if (!node) return undefined;
  const kind = DECLARATION_KINDS[node.type];
  const id = node['id'] as BabelNode | null | undefined;
  if (!kind || !id) return undefined;
  const name = code.slice(id.start, id.end);
  return {
    kind,
    name,
    nameSpan: { start: base + id.start, end: base + id.end },
    nameIsPlaceholder: name.includes('['),
    span: { start: base + node.start, end: base + node.end },
    fields: readFields(node, code, base),
    typeReferences: readTypeReferences(node, id, code, base),
  };
}

function memberList(node: BabelNode): BabelNode[] {
  switch (node.type) {
    case 'TSInterfaceDeclaration':
    case 'ClassDeclaration':
      return ((node['body'] as BabelNode)['body'] as BabelNode[]) ?? [];
    case 'TSTypeAliasDeclaration': {
      const literal = node['typeAnnotation'] as BabelNode;
      return literal.type === 'TSTypeLiteral' ? (literal['members'] as BabelNode[]) : [];
    }
    case 'TSEnumDeclaration': {
      const body = node['body'] as BabelNode | undefined;
      return ((body?.['members'] ?? node['members']) as BabelNode[]) ?? [];
    }
    default:
      return [];
  }
}

function readFields(node: BabelNode, code: string, base: number): Field[] {
  const fields: Field[] = [];
  for (const member of memberList(node)) {
    const key = (member['key'] ?? member['id']) as BabelNode | undefined;
    if (!key || (key.type !== 'Identifier' && key.type !== 'StringLiteral')) continue;
    const annotation = member['typeAnnotation'] as BabelNode | undefined | null;
    const typeNode = annotation?.type === 'TSTypeAnnotation' ? (annotation['typeAnnotation'] as BabelNode) : (annotation ?? undefined);
    fields.push({
      name: key.type === 'Identifier' ? (key['name'] as string) : (key['value'] as string),
      nameSpan: { start: base + key.start, end: base + key.end },
      span: { start: base + member.start, end: base + member.end },
      type: typeNode ? code.slice(typeNode.start, typeNode.end) : undefined,
    });
  }
  return fields;
}

function readTypeReferences(node: BabelNode, id: BabelNode, code: string, base: number): NameReference[] {
  const references: NameReference[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const child = value as BabelNode;
    if (child === id) return;
    if (typeof child.type === 'string') {
      const name =
        child.type === 'TSTypeReference'
          ? child['typeName']
          : child.type === 'TSInterfaceHeritage' || child.type === 'TSExpressionWithTypeArguments'
            ? child['expression']
            : undefined;
      const target = name as BabelNode | undefined;
      if (target && target.type === 'Identifier') {
        references.push({ name: code.slice(target.start, target.end), span: { start: base + target.start, end: base + target.end } });
      }
    }
    for (const key of Object.keys(child)) {
      if (
        key === 'loc' ||
        key === 'start' ||
        key === 'end' ||
        key === 'range' ||
        key === 'extra' ||
        key === 'leadingComments' ||
        key === 'trailingComments' ||
        key === 'innerComments'
      )
        continue;
      visit(child[key]);
    }
  };
  visit(node);
  return references;
}
