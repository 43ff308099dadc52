import { userInfo } from 'node:os';

/** The operating system user's name; some containers have a uid without a passwd entry, and then there is none. */
export function systemUserName(): string | undefined {
  try {
    return userInfo().username.trim() || undefined;
  } catch {
    return undefined;
  }
}
