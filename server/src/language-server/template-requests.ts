import { nameKey, type TemplateSchema } from '../model/schema';
import { builtinTemplates } from '../model/templates';
import type { BlueprintSettings } from '../settings';
import type { ServerHost } from './host';
import type { ProjectFiles } from './project-files';
import type { SettingsStore } from './settings-store';

/** The templates the custom requests offer ("New Blueprint…", the template list, the template snippet), which name no open document. */
export class TemplateRequests {
  constructor(
    private readonly host: ServerHost,
    private readonly settings: SettingsStore,
    private readonly files: ProjectFiles,
  ) {}

  /** Every template of the workspace folders, built-in first, each title once. */
  async inWorkspace(): Promise<readonly TemplateSchema[]> {
    const contexts = await Promise.all(this.files.workspaceFolders.map((folder) => this.settings.folderContext(folder)));
    const byTitle = new Map<string, TemplateSchema>();
    for (const template of [...builtinTemplates, ...contexts.flatMap((c) => c.templates)]) {
      const key = nameKey(template.titlePrefix);
      if (!byTitle.has(key)) byTitle.set(key, template);
    }
    return [...byTitle.values()];
  }

  /** The templates and settings for a new blueprint that goes to `uri` (a file or a folder); without one, those of the whole workspace. */
  async forNewBlueprint(uri: string | undefined): Promise<{ templates: readonly TemplateSchema[]; settings: BlueprintSettings }> {
    const path = uri === undefined ? undefined : this.host.pathOf(uri);
    if (uri === undefined || path === undefined)
      return { templates: await this.inWorkspace(), settings: (await this.settings.contextFor(uri ?? '')).settings };
    const context =
      (await this.host.files.stat(path)).kind === 'folder' ? await this.settings.folderContext(path) : await this.settings.contextFor(uri);
    return { templates: context.templates, settings: context.settings };
  }
}
