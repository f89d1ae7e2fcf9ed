/** The sections of the editor, each with the number of errors it holds. */
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../../i18n/context.js';
import { Icon } from '../../../kit/Icon/Icon.js';
import { NavItem } from '../../../kit/NavItem/NavItem.js';
import { useEditorState } from './editor/hooks.js';
import { SECTIONS, errorCounts, type SectionId } from './sections.js';

export function SettingsNav({ current, onSelect, idOf }: { readonly current: SectionId; readonly onSelect: (id: SectionId) => void; readonly idOf: (id: SectionId) => string }) {
  const { t } = useT();
  const counts = useEditorState(useShallow((s) => errorCounts(s.issues)));
  return (
    <nav className="settings-nav" aria-label={t('settings.sections')}>
      <ul role="list">
        {SECTIONS.map((s) => {
          const errors = counts[s.id];
          return (
            <li key={s.id}>
              <NavItem id={idOf(s.id)} current={current === s.id} className="section-link" onSelect={() => onSelect(s.id)}>
                <Icon name={s.icon} />
                <span>{t(s.label)}</span>
                {errors > 0 && (
                  <>
                    {/* Read as "Storage, 2 problems"; the badge shows the number. */}
                    <span className="visually-hidden">, {t('settings.problems', { count: errors })}</span>
                    <span className="count-badge" aria-hidden="true">
                      {errors}
                    </span>
                  </>
                )}
              </NavItem>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
