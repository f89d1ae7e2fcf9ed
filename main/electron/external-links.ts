/**
 * Which links may open in the user's browser (`shell.openExternal`): exactly the pages Hako links to
 * (app/links.ts), so a compromised renderer cannot make Hako open anything else.
 */
import { allowedExternalLink } from '../../app/links.js';

/** The URL to hand to `shell.openExternal`, or null when it is not one of Hako's links. */
export function externalLinkTarget(url: string): string | null {
  return allowedExternalLink(url);
}
