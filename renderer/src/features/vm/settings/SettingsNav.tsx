/** The sections of the editor, each with the number of errors it holds. */
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../../kit/Icon/Icon.js';
import { NavItem } from '../../../kit/NavItem/NavItem.js';
import { useEditorState } from './editor/hooks.js';
import { SECTIONS, errorCounts, type SectionId } from './sections.js';

export function SettingsNav({ current, onSelect, idOf }: { readonly current: SectionId; readonly onSelect: (id: SectionId) => void; readonly idOf: (id: SectionId) => string }) {
  const counts = useEditorState(useShallow((s) => errorCounts(s.issues)));
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <ul role="list">
        {SECTIONS.map((s) => {
          const errors = counts[s.id];
          return (
            <li key={s.id}>
              <NavItem id={idOf(s.id)} current={current === s.id} className="section-link" onSelect={() => onSelect(s.id)}>
                <Icon name={s.icon} />
                <span>{s.label}</span>
                {errors > 0 && (
                  <span className="count-badge" aria-label={`${errors} problem${errors === 1 ? '' : 's'}`}>
                    {errors}
                  </span>
                )}
              </NavItem>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
