import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/**
 * A request handler that cannot take the server down: a failure answers `fallback` and logs a line
 * (a feature that throws on some document loses that one answer, nothing else), and a request
 * cancelled before it starts answers RequestCancelled at once.
 */
export function guarded<P, R>(
  name: string,
  fallback: R,
  handler: (params: P, token?: CancellationToken) => Promise<R> | R,
  logError: (message: string) => void,
): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params: P, token?: CancellationToken) => {
    try {
      throwIfCancelled(token);
      return await handler(params, token);
    } catch (error) {
      if (isCancellation(error)) throw error;
      logError(`${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** A cancelled request answers RequestCancelled as soon as the server sees the cancellation, before any analysis. */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled');
}

function isCancellation(error: unknown): boolean {
  return error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
}

/** For the server's log (not for the user): the stack when there is one. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
