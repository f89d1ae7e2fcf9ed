/**
 * The window's polite live region: what the screen reader is told besides what it sees (a VM's state
 * changed, an action started). One region for the whole window, so announcements never talk over each
 * other; the key re-creates the text so a repeated message is read again.
 */
import { useHako } from '../store/context.js';

export function Announcer() {
  const announcement = useHako((s) => s.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
}
