import { pathToFileURL } from 'node:url';
import { InProcessClient } from './in-process-client';
import type { TestClient } from './lsp-client';

export interface WorkspaceClient<C extends TestClient = TestClient> {
  readonly client: C;
  readonly registrations: Array<{ method: string; registerOptions?: unknown }>;
  readonly shown: unknown[];
  /** `window/showMessage` notifications and `window/showMessageRequest`s, in order. */
  readonly messages: Array<{ type: number; message: string }>;
}

/**
 * Starts the server with a client like VS Code's: one workspace folder, watched files,
 * window/showDocument and messages. `settings` is what the user set: the extension's client sends
 * only that, without VS Code's defaults. `clients` collects it, for the test file to stop them all.
 * The server runs in-process unless `make` spawns it (`() => new LspClient()`).
 */
/** What a client like VS Code's can also say: that it pulls diagnostics (LSP 3.17), and re-pulls them when the server asks. */
export const PULLS_DIAGNOSTICS = {
  textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
  workspace: { diagnostics: { refreshSupport: true } },
};

export function startInWorkspace(
  folder: string,
  clients: TestClient[],
  settings?: Record<string, unknown>,
): Promise<WorkspaceClient<InProcessClient>>;
export function startInWorkspace<C extends TestClient>(
  folder: string,
  clients: TestClient[],
  settings: Record<string, unknown>,
  make: () => C,
  more?: typeof PULLS_DIAGNOSTICS,
): Promise<WorkspaceClient<C>>;
export async function startInWorkspace(
  folder: string,
  clients: TestClient[],
  settings: Record<string, unknown> = {},
  make: () => TestClient = () => new InProcessClient(),
  more: typeof PULLS_DIAGNOSTICS | undefined = undefined,
): Promise<WorkspaceClient> {
  const client = make();
  clients.push(client);
  client.settings = settings;
  const registrations: WorkspaceClient['registrations'] = [];
  const shown: unknown[] = [];
  const messages: WorkspaceClient['messages'] = [];
  client.connection.onRequest('client/registerCapability', (params: { registrations: WorkspaceClient['registrations'] }) => {
    registrations.push(...params.registrations);
    return null;
  });
  client.connection.onRequest('client/unregisterCapability', () => null);
  client.connection.onRequest('workspace/diagnostic/refresh', () => null);
  client.connection.onRequest('window/showDocument', (params: unknown) => {
    shown.push(params);
    return { success: true };
  });
  client.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
    messages.push(params);
    return null;
  });
  client.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
    messages.push(params);
  });
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'project' }],
    capabilities: {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...more?.workspace,
      },
      window: { showDocument: { support: true } },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeLens: {},
        ...more?.textDocument,
      },
    },
  });
  await client.notify('initialized', {});
  return { client, registrations, shown, messages };
}
