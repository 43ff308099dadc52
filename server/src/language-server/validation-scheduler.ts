/**
 * When a document is checked: once the burst of changes a client sends has been read, and only at
 * its latest version. Each change restarts the wait, so a burst of edits is checked once.
 */
export class ValidationScheduler {
  /** The latest request per document: an older one that wakes up finds itself replaced and stops. */
  private readonly pending = new Map<string, object>();
  private disposed = false;

  constructor(
    /** One turn of the event loop (the host's `nextTurn`). */
    private readonly nextTurn: () => Promise<void>,
    private readonly check: (uri: string) => Promise<void>,
  ) {}

  schedule(uri: string): void {
    if (this.disposed) return;
    const ticket = {};
    this.pending.set(uri, ticket);
    void this.checkAfterBurst(uri, ticket);
  }

  cancel(uri: string): void {
    this.pending.delete(uri);
  }

  dispose(): void {
    this.disposed = true;
    this.pending.clear();
  }

  private async checkAfterBurst(uri: string, ticket: object): Promise<void> {
    // Two turns of the event loop: vscode-jsonrpc handles one queued message per turn, so a change
    // that is already read from the pipe arrives in between and replaces this check before it runs.
    for (let turn = 0; turn < 2; turn++) {
      await this.nextTurn();
      if (this.pending.get(uri) !== ticket) return;
    }
    this.pending.delete(uri);
    await this.check(uri);
  }
}
