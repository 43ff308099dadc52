import { builtinTemplates } from '../template/builtin-templates';
import { distinctTemplates } from '../template/registry';
import type { TemplateSchema } from '../template/schema';
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
    return distinctTemplates([...builtinTemplates, ...contexts.flatMap((c) => c.templates)]);
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
