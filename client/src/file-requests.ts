import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { HEAD_BYTES, type FolderEntry, type Listing, type ReadText, type Stat } from '../../server/src/project/file-access';
import { ListFolderRequest, ReadFileRequest, StatFileRequest } from '../../server/src/protocol';
import { decodeText, textEncodingOf } from '../../server/src/project/text-decoding';

/**
 * Answers the server's file requests (server/src/protocol.ts) from the editor's file systems
 * (`workspace.fs`): what the web worker reads — rc files, templates folders — is read here, under
 * the rules of server/src/project/file-access.ts. Only regular files (links followed to one); a file
 * whose size is over the limit is not read at all (`workspace.fs` reads whole files only, so its
 * head is not decoded); problems name the kind of failure, never the content.
 */
export function serveFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(ReadFileRequest, ({ uri, maxBytes }) => readText(vscode.Uri.parse(uri), maxBytes)),
    client.onRequest(StatFileRequest, ({ uri }) => stat(vscode.Uri.parse(uri))),
    client.onRequest(ListFolderRequest, ({ uri }) => list(vscode.Uri.parse(uri))),
  ];
}

async function readText(uri: vscode.Uri, maxBytes: number): Promise<ReadText> {
  let found: vscode.FileStat;
  try {
    found = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    return missingOrProblem(error, 'be read');
  }
  if (!(found.type & vscode.FileType.File)) return { kind: 'problem', problem: notRegular(found.type) };
  if (found.size > maxBytes) return { kind: 'too-large', bytes: found.size, head: '' };
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return missingOrProblem(error, 'be read');
  }
  // The file grew since it was looked at.
  if (bytes.length > maxBytes) return { kind: 'too-large', bytes: bytes.length, head: decodeText(bytes.subarray(0, HEAD_BYTES)) };
  return { kind: 'text', text: decodeText(bytes), encoding: textEncodingOf(bytes) };
}

async function stat(uri: vscode.Uri): Promise<Stat> {
  try {
    const { type } = await vscode.workspace.fs.stat(uri);
    if (type & vscode.FileType.File) return { kind: 'file' };
    if (type & vscode.FileType.Directory) return { kind: 'folder' };
    return { kind: 'other', problem: notRegular(type) };
  } catch (error) {
    return missingOrProblem(error, 'be opened');
  }
}

async function list(uri: vscode.Uri): Promise<Listing> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(uri);
    return { kind: 'entries', entries: entries.map(([name, type]): FolderEntry => ({ name, kind: entryKind(type) })) };
  } catch (error) {
    if (codeOf(error) === 'FileNotADirectory') return { kind: 'problem', problem: 'is not a folder' };
    return missingOrProblem(error, 'be listed');
  }
}

function entryKind(type: vscode.FileType): FolderEntry['kind'] {
  if (type & vscode.FileType.SymbolicLink) return 'link';
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'folder';
  return 'other';
}

function notRegular(type: vscode.FileType): string {
  return `is ${type & vscode.FileType.Directory ? 'a folder' : 'something else'}, not a regular file`;
}

const REASONS: Record<string, string> = {
  NoPermissions: 'permission denied',
  Unavailable: 'the file system is unavailable',
  FileIsADirectory: 'it is a folder',
};

function missingOrProblem(error: unknown, what: string): { kind: 'missing' } | { kind: 'problem'; problem: string } {
  const code = codeOf(error);
  if (code === 'FileNotFound' || code === 'EntryNotFound') return { kind: 'missing' };
  return { kind: 'problem', problem: `cannot ${what}: ${(code && REASONS[code]) ?? code ?? 'unknown error'}` };
}

/** `FileSystemError.code` (`FileNotFound`, `NoPermissions`, …); the message would repeat the URI. */
function codeOf(error: unknown): string | undefined {
  const code = error instanceof vscode.FileSystemError ? error.code : (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}
