import { existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { templateByKind } from '../documents/template-registry';
import { newBlueprintText, today } from '../features/template-text';
import { Project } from './project';
import { UsageError } from './usage';

/** Writes a new blueprint of a template's kind; returns the path written. Never overwrites a file. */
export function writeNewBlueprint(kind: string, title: string, output: string | undefined, cwd: string, now = new Date()): string {
  if (title.trim() === '') throw new UsageError('The new blueprint needs a name, such as "Order Ledger".');
  const project = new Project(cwd);
  const where = resolve(cwd, output ?? `${fileNameFor(title)}.blueprint.md`);
  const { templates } = project.templatesFor(where);
  const template = templateByKind(templates, kind);
  if (!template) {
    throw new UsageError(`No template of kind '${kind}'. Known kinds: ${templates.map((t) => `${t.id.replace(/-blueprint$/i, '')} (${t.kind})`).join(', ')}.`);
  }
  if (!existsSync(dirname(where))) throw new UsageError(`The folder ${dirname(where)} does not exist.`);
  if (existsSync(where)) throw new ExistingFileError(`${where} already exists; not overwriting it. Choose another name or --output.`);
  const author = project.settingsFor(where).author || systemUser();
  const text = newBlueprintText(template, { name: title, date: today(now), ...(author ? { author } : {}) });
  writeFileSync(where, text, { flag: 'wx' });
  return where;
}

/** Refusing to overwrite is a failed run (exit 1), not bad usage. */
export class ExistingFileError extends Error {}

/** `Order Ledger` → `order-ledger`; letters of any script are kept. */
export function fileNameFor(title: string): string {
  return title.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'blueprint';
}

function systemUser(): string | undefined {
  try {
    return userInfo().username.trim() || undefined;
  } catch {
    return undefined;
  }
}
