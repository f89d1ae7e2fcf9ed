/** The sections of the editor, each with the number of errors it holds. */
import clsx from 'clsx';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../../kit/Icon/Icon.js';
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
              <button
                type="button"
                id={idOf(s.id)}
                className={clsx('settings-nav-item', current === s.id && 'current')}
                aria-current={current === s.id ? 'true' : undefined}
                onClick={() => onSelect(s.id)}
              >
                <Icon name={s.icon} />
                <span>{s.label}</span>
                {errors > 0 && (
                  <span className="count-badge" aria-label={`${errors} problem${errors === 1 ? '' : 's'}`}>
                    {errors}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
