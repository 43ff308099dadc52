import type * as Babel from '@babel/parser';
import type { Field, NameReference, Placeholder, Structure, StructureKind } from './blueprint';

// @babel/parser is two fifths of the server bundle and only needed once a typescript block is read:
// the shipped build keeps it in its own file (dist/babel-parser.js), loaded here on first use, so that
// the server answers `initialize` without compiling it.
let babel: typeof Babel | undefined;
function parse(...args: Parameters<typeof Babel.parse>): ReturnType<typeof Babel.parse> {
  babel ??= require('@babel/parser') as typeof Babel;
  return babel.parse(...args);
}

export interface TypescriptFacts {
  readonly structures: Structure[];
  /** Placeholders in name positions (`interface [Name]`, `[SystemName]State`, `type [Alias] =`). */
  readonly placeholders: Placeholder[];
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
        span: { start: base + nameStart + m.index!, end: base + nameStart + m.index! + m[0].length },
      });
    }
    return keyword + gap + name.replace(/[^A-Za-z0-9_$]/g, '_');
  });
  const structures: Structure[] = [];
  for (const piece of parseablePieces(parseable)) {
    for (const statement of piece.statements) {
      const structure = readDeclaration(statement, code, base);
      if (structure) structures.push(structure);
    }
  }
  return { structures, placeholders };
}

interface ParsedPiece {
  statements: BabelNode[];
}

/**
 * The whole block when it parses; otherwise each top-level declaration on its own, so one broken
 * declaration does not hide the others.
 */
function parseablePieces(code: string): ParsedPiece[] {
  const whole = tryParse(code);
  if (whole) return [{ statements: whole }];
  const starts: number[] = [];
  const declarationLine = /^(?:export[ \t]+)?(?:declare[ \t]+)?(?:interface|type|class|enum)\b/gm;
  for (const m of code.matchAll(declarationLine)) starts.push(m.index!);
  const pieces: ParsedPiece[] = [];
  for (let i = 0; i < starts.length; i++) {
    // Blank everything outside the piece so offsets stay those of the whole block.
    const end = starts[i + 1] ?? code.length;
    const isolated = blankOutside(code, starts[i]!, end);
    const statements = tryParse(isolated);
    if (statements) pieces.push({ statements });
  }
  return pieces;
}

function blankOutside(code: string, start: number, end: number): string {
  return code.slice(0, start).replace(/[^\r\n]/g, ' ') + code.slice(start, end) + code.slice(end).replace(/[^\r\n]/g, ' ');
}

interface BabelNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

function tryParse(code: string): BabelNode[] | undefined {
  try {
    const file = parse(code, { sourceType: 'module', plugins: ['typescript'], errorRecovery: true }) as unknown as {
      program: { body: BabelNode[] };
    };
    return file.program.body;
  } catch {
    return undefined;
  }
}

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
