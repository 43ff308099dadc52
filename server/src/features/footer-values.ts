import { userInfo } from 'node:os';
import type { BlueprintSettings } from '../settings';
import { today } from './template-text';

/** What the server fills into the footer's date and person fields, for completion and quick fixes alike. */
export interface FooterValues {
  /** Today, YYYY-MM-DD. */
  readonly date: string;
  /** The `blueprint.author` setting, else the operating system user; undefined when neither is known. */
  readonly author: string | undefined;
}

export function footerValues(settings: BlueprintSettings, now = new Date(), systemUser = systemUserName): FooterValues {
  return { date: today(now), author: settings.author || systemUser() || undefined };
}

/** The operating system user's name; some containers have a uid without a passwd entry, and then there is none. */
export function systemUserName(): string | undefined {
  try {
    return userInfo().username.trim() || undefined;
  } catch {
    return undefined;
  }
}
