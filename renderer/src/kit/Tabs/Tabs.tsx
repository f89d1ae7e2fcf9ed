/**
 * Tabs over one panel (WAI-ARIA tabs): Left/Right (Home/End) select the previous or next tab and move
 * focus to it; only the selected tab is in the Tab order. `marker` adds a dot with hidden words
 * ("has findings") to a tab.
 */
import clsx from 'clsx';
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { arrowTarget } from '../focus/arrow-keys.js';
import { Icon, type IconName } from '../Icon/Icon.js';
import './Tabs.css';

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly icon?: IconName;
  /** Words for assistive technology; shown as a dot. */
  readonly marker?: string | undefined;
}

export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
}: {
  readonly label: string;
  readonly tabs: readonly TabSpec<T>[];
  readonly selected: T;
  readonly onSelect: (id: T) => void;
  /** The selected tab's panel. */
  readonly children: ReactNode;
}) {
  const baseId = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = arrowTarget(event.key, tabs.findIndex((t) => t.id === selected), tabs.length, 'horizontal');
    if (index === null) return;
    event.preventDefault();
    onSelect(tabs[index]!.id);
    refs.current[index]?.focus();
  };

  return (
    <>
      <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(element) => {
              refs.current[i] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${baseId}-${tab.id}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            className={clsx('tab', tab.id === selected && 'tab-selected')}
            onClick={() => onSelect(tab.id)}
          >
            {tab.icon && <Icon name={tab.icon} />}
            <span>{tab.label}</span>
            {tab.marker && (
              <span className="tab-dot">
                <span className="visually-hidden">({tab.marker})</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${baseId}-${selected}-panel`} aria-labelledby={`${baseId}-${selected}`}>
        {children}
      </div>
    </>
  );
}
