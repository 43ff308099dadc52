import type { BlueprintSettings } from '../settings';
import { today } from './template-text';

/** What the server fills into the footer's date and person fields, for completion and quick fixes alike. */
export interface FooterValues {
  /** Today, YYYY-MM-DD. */
  readonly date: string;
  /** The `blueprint.author` setting, else the operating system user; undefined when neither is known. */
  readonly author: string | undefined;
}

/** `systemUser` comes from the host (the operating system user where there is one): features import no Node module. */
export function footerValues(settings: BlueprintSettings, now: Date, systemUser: () => string | undefined): FooterValues {
  return { date: today(now), author: settings.author || systemUser() || undefined };
}
