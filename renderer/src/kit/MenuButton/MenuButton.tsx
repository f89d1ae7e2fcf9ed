/**
 * A button that opens a menu of commands. Focus moves to the first command; Up/Down (Home/End) move
 * between commands (which are not Tab stops), Escape closes (focus back on the button), Tab closes and
 * goes on from the button, and focus or a click elsewhere closes.
 */
import { Fragment, useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Button } from '../Button/Button.js';
import { arrowTarget } from '../focus/arrow-keys.js';
import { Icon, type IconName } from '../Icon/Icon.js';
import './MenuButton.css';

export interface MenuCommand {
  readonly id: string;
  readonly label: string;
  readonly icon?: IconName;
  readonly title?: string;
  readonly disabled?: boolean;
  /** Draws a separator above this command. */
  readonly separated?: boolean;
  onSelect(): void;
}

const ENABLED_ITEMS = '[role="menuitem"]:not([disabled])';

export function MenuButton({ label, icon = 'more', commands }: { readonly label: string; readonly icon?: IconName; readonly commands: readonly MenuCommand[] }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const anchorRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    anchorRef.current?.querySelector<HTMLButtonElement>(ENABLED_ITEMS)?.focus();
    const closeOutside = (event: MouseEvent) => {
      if (!anchorRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(anchorRef.current?.querySelectorAll<HTMLButtonElement>(ENABLED_ITEMS) ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
      return;
    }
    if (event.key === 'Tab') {
      // Not prevented: Tab (or Shift+Tab) then moves on from the button, as if the menu had not opened.
      buttonRef.current?.focus();
      setOpen(false);
      return;
    }
    const target = arrowTarget(event.key, index, items.length, 'vertical');
    if (target === null) return;
    event.preventDefault();
    items[target]?.focus();
  };

  // Focus gone elsewhere (not to the button, whose click closes the menu itself): an open menu would
  // sit over what has focus now.
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!anchorRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <div ref={anchorRef} className="menu-anchor">
      <Button ref={buttonRef} icon={icon} variant="subtle" label={label} haspopup="menu" expanded={open} controls={menuId} onClick={() => setOpen(!open)} />
      {open && (
        <div id={menuId} className="menu" role="menu" aria-label={label} onKeyDown={onKeyDown} onBlur={onBlur}>
          {commands.map((command) => (
            <Fragment key={command.id}>
              {command.separated && <div className="menu-sep" role="separator" />}
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                tabIndex={-1}
                disabled={command.disabled}
                title={command.title}
                onClick={() => {
                  setOpen(false);
                  command.onSelect();
                }}
              >
                {command.icon && <Icon name={command.icon} />}
                <span>{command.label}</span>
              </button>
            </Fragment>
          ))}
        </div>
      )}
    </div>
  );
}
