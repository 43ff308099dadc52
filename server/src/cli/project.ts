import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { findRcFile, readRcFile, type RcFile } from '../config/rc-file';
import { BlueprintStore } from '../documents/blueprint-store';
import { readTemplateFolder, templatesWith, type TemplateFile } from '../documents/template-registry';
import type { TemplateSchema } from '../model/schema';
import { readSettings, type BlueprintSettings } from '../settings';
import { UsageError } from './usage';

export interface TemplateSet {
  readonly folder: string;
  readonly files: readonly TemplateFile[];
  readonly templates: readonly TemplateSchema[];
  /** One store per template set, so each file is matched against the templates of its project. */
  readonly store: BlueprintStore;
}

/**
 * What the CLI knows about the files it checks: each file's nearest `.blueprintrc.json`, the settings
 * it gives, and the templates of the folder it names (relative to the rc file, else the current folder).
 */
export class Project {
  private readonly rcByDirectory = new Map<string, RcFile | undefined>();
  private readonly templateSets = new Map<string, TemplateSet>();
  /** Problems with rc files that did not stop the run, each reported once. */
  readonly warnings: string[] = [];

  constructor(readonly cwd: string) {}

  settingsFor(file: string): BlueprintSettings {
    return readSettings(this.rcFor(dirname(resolve(this.cwd, file)))?.settings ?? {});
  }

  templatesFor(file: string): TemplateSet {
    const directory = dirname(resolve(this.cwd, file));
    const rc = this.rcFor(directory);
    const root = rc ? dirname(rc.path) : this.cwd;
    const folder = resolve(root, readSettings(rc?.settings ?? {}).templates.folder);
    let set = this.templateSets.get(folder);
    if (!set) {
      const files = readTemplateFolder(folder);
      const templates = templatesWith(files);
      set = { folder, files, templates, store: new BlueprintStore(templates) };
      this.templateSets.set(folder, set);
    }
    return set;
  }

  /** Every template set used so far (for reporting malformed templates). */
  usedTemplateSets(): TemplateSet[] {
    return [...this.templateSets.values()];
  }

  isTemplateFile(file: string): boolean {
    const absolute = resolve(this.cwd, file);
    const folder = this.templatesFor(file).folder;
    const inside = relative(folder, absolute);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) && !inside.includes(sep);
  }

  private rcFor(directory: string): RcFile | undefined {
    if (this.rcByDirectory.has(directory)) return this.rcByDirectory.get(directory);
    const path = findRcFile(directory);
    let rc: RcFile | undefined;
    if (path) {
      rc = this.rcByDirectory.get(`file:${path}`) ?? readRcFile(path);
      this.rcByDirectory.set(`file:${path}`, rc);
      if (rc.error) throw new UsageError(rc.error);
      for (const w of rc.warnings) if (!this.warnings.includes(w)) this.warnings.push(w);
    }
    this.rcByDirectory.set(directory, rc);
    return rc;
  }
}
