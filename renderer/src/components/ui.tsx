/**
 * The building blocks every page uses: buttons, dialogs, info bars, badges and labelled form fields.
 * Each form control is labelled (visible label or aria-label) and describes itself with its help text
 * and any error, so role-based selectors and screen readers find the same names.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { VM_STATE_LABELS } from '../../../app/vm/labels.js';
import { type VmState } from '../../../app/vm/state.js';
import type { ShownError } from '../logic/errors.js';
import { STATE_TONES } from '../logic/vm.js';
import { Icon, type IconName } from './icons.js';

type ButtonVariant = 'primary' | 'secondary' | 'subtle' | 'danger';

export function Button({
  children,
  icon,
  variant = 'secondary',
  onClick,
  disabled,
  title,
  label,
  type = 'button',
  className,
  pressed,
  controls,
  expanded,
  haspopup,
  autoFocus,
}: {
  readonly children?: ReactNode;
  readonly icon?: IconName;
  readonly variant?: ButtonVariant;
  readonly onClick?: () => void;
  readonly disabled?: boolean;
  readonly title?: string;
  /** Accessible name when the button shows only an icon. */
  readonly label?: string;
  readonly type?: 'button' | 'submit';
  readonly className?: string;
  readonly pressed?: boolean;
  readonly controls?: string;
  readonly expanded?: boolean;
  readonly haspopup?: 'menu' | 'dialog';
  /** Focused when its dialog opens (the safe choice of a destructive question). */
  readonly autoFocus?: boolean;
}) {
  return (
    <button
      data-autofocus={autoFocus ? '' : undefined}
      type={type}
      className={`btn btn-${variant}${children === undefined ? ' btn-icon' : ''}${className ? ` ${className}` : ''}`}
      onClick={onClick}
      disabled={disabled}
      title={title ?? label}
      aria-label={label}
      aria-pressed={pressed}
      aria-controls={controls}
      aria-expanded={expanded}
      aria-haspopup={haspopup}
    >
      {icon && <Icon name={icon} />}
      {children !== undefined && <span>{children}</span>}
    </button>
  );
}

/** A VM's state. `live`: the page's one announced state (role="status", named "State: …"). */
export function StateBadge({ state, live }: { readonly state: VmState; readonly live?: boolean }) {
  return (
    <span className={`badge badge-${STATE_TONES[state]}`} role={live ? 'status' : undefined} aria-label={live ? `State: ${VM_STATE_LABELS[state]}` : undefined}>
      <span className="badge-dot" aria-hidden="true" />
      {VM_STATE_LABELS[state]}
    </span>
  );
}

export function InfoBar({
  tone,
  title,
  children,
  actions,
  label,
}: {
  readonly tone: 'error' | 'warning' | 'info' | 'success';
  readonly title: string;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
  readonly label?: string;
}) {
  const icon: IconName = tone === 'error' ? 'error' : tone === 'warning' ? 'warning' : tone === 'success' ? 'check' : 'info';
  const id = useId();
  return (
    <section className={`infobar infobar-${tone}`} aria-labelledby={id} aria-label={label}>
      <Icon name={icon} className="infobar-icon" />
      <div className="infobar-body">
        <h3 id={id} className="infobar-title">
          {title}
        </h3>
        {children}
      </div>
      {actions && <div className="infobar-actions">{actions}</div>}
    </section>
  );
}

/** Code, HRESULT, message and advice of a failure. */
export function ErrorDetails({ error }: { readonly error: ShownError }) {
  return (
    <div className="error-details">
      <p className="error-message">{error.message}</p>
      {error.advice && <p className="error-advice">{error.advice}</p>}
      <p className="error-meta">
        <code className="chip">{error.code}</code>
        {error.hresult && <code className="chip">{error.hresult}</code>}
        {error.path && <code className="chip">{error.path}</code>}
      </p>
    </div>
  );
}

export function Card({ title, icon, children, actions, className }: { readonly title: string; readonly icon?: IconName; readonly children: ReactNode; readonly actions?: ReactNode; readonly className?: string }) {
  const id = useId();
  return (
    <section className={`card${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <header className="card-header">
        {icon && <Icon name={icon} className="card-icon" />}
        <h2 id={id} className="card-title">
          {title}
        </h2>
        {actions && <div className="card-actions">{actions}</div>}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}

/**
 * A modal dialog on the native <dialog> element: focus moves into it, Esc cancels, the page behind is
 * inert. Mount it only while open; focus returns to where it was when it closes.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  alert,
  wide,
}: {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer: ReactNode;
  /** An alertdialog: the user must answer (power off, consent). */
  readonly alert?: boolean;
  readonly wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => {
      if (dialog?.open) dialog.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      role={alert ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {children}
      </div>
      <div className="dialog-footer">{footer}</div>
    </dialog>
  );
}

// ---- form fields ----

interface FieldFrame {
  readonly label: string;
  readonly help?: string | undefined;
  readonly errors?: readonly string[];
  readonly warnings?: readonly string[];
}

function FieldMessages({ id, help, errors, warnings }: { readonly id: string; readonly help?: string | undefined; readonly errors?: readonly string[]; readonly warnings?: readonly string[] }) {
  return (
    <div id={id} className="field-messages">
      {errors?.map((e) => (
        <p key={e} className="field-error">
          <Icon name="error" /> {e}
        </p>
      ))}
      {warnings?.map((w) => (
        <p key={w} className="field-warning">
          <Icon name="warning" /> {w}
        </p>
      ))}
      {help && <p className="field-help">{help}</p>}
    </div>
  );
}

/** What a labelled control needs to be tied to its label and messages. */
interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string;
}

/** The frame every labelled field shares: the label, the control row, and the messages under it. */
function LabelledField({ frame, className, children }: { readonly frame: FieldFrame; readonly className?: string; readonly children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const messages = `${id}-messages`;
  const invalid = (frame.errors?.length ?? 0) > 0;
  return (
    <div className={`field${className ? ` ${className}` : ''}${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {frame.label}
      </label>
      <div className="field-control">{children({ id, 'aria-invalid': invalid || undefined, 'aria-describedby': messages })}</div>
      <FieldMessages id={messages} help={frame.help} errors={frame.errors} warnings={frame.warnings} />
    </div>
  );
}

export function TextField({
  value,
  onChange,
  placeholder,
  readOnly,
  mono,
  suffix,
  autoFocus,
  name,
  ...frame
}: FieldFrame & {
  readonly value: string;
  readonly onChange?: (value: string) => void;
  readonly placeholder?: string;
  readonly readOnly?: boolean;
  readonly mono?: boolean;
  readonly suffix?: ReactNode;
  readonly autoFocus?: boolean;
  readonly name?: string;
}) {
  return (
    <LabelledField frame={frame}>
      {(control) => (
        <>
          <input
            {...control}
            name={name}
            className={`input${mono ? ' mono' : ''}`}
            type="text"
            value={value}
            placeholder={placeholder}
            readOnly={readOnly}
            autoFocus={autoFocus}
            spellCheck={false}
            onChange={(event) => onChange?.(event.target.value)}
          />
          {suffix}
        </>
      )}
    </LabelledField>
  );
}

export function NumberField({
  value,
  onChange,
  min,
  max,
  step,
  unit,
  ...frame
}: FieldFrame & {
  readonly value: number | null;
  readonly onChange: (value: number | null) => void;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly unit?: string;
}) {
  return (
    <LabelledField frame={frame} className="field-number">
      {(control) => (
        <>
          <input
            {...control}
            className="input"
            type="number"
            inputMode="numeric"
            value={value === null || Number.isNaN(value) ? '' : value}
            min={min}
            max={max}
            step={step ?? 1}
            onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
          />
          {unit && <span className="field-unit">{unit}</span>}
        </>
      )}
    </LabelledField>
  );
}

export function SelectField<T extends string>({
  value,
  options,
  onChange,
  disabled,
  ...frame
}: FieldFrame & {
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
  readonly disabled?: boolean;
}) {
  return (
    <LabelledField frame={frame}>
      {(control) => (
        <select {...control} className="input select" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

/** An on/off switch (a checkbox with role="switch"), label on the left as in Windows Settings. */
export function Toggle({
  label,
  help,
  errors,
  warnings,
  checked,
  onChange,
  disabled,
}: FieldFrame & { readonly checked: boolean; readonly onChange: (checked: boolean) => void; readonly disabled?: boolean }) {
  const id = useId();
  const messages = `${id}-messages`;
  return (
    <div className={`field field-toggle${(errors?.length ?? 0) > 0 ? ' field-invalid' : ''}`}>
      <div className="toggle-row">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <span className="toggle-control">
          <span className="toggle-state" aria-hidden="true">
            {checked ? 'On' : 'Off'}
          </span>
          <input
            id={id}
            type="checkbox"
            role="switch"
            className="switch"
            checked={checked}
            disabled={disabled}
            aria-describedby={messages}
            onChange={(event) => onChange(event.target.checked)}
          />
        </span>
      </div>
      <FieldMessages id={messages} help={help} errors={errors} warnings={warnings} />
    </div>
  );
}

export function Checkbox({ label, checked, onChange, help }: { readonly label: string; readonly checked: boolean; readonly onChange: (checked: boolean) => void; readonly help?: string | undefined }) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={help ? `${id}-help` : undefined} />
      <label htmlFor={id}>{label}</label>
      {help && (
        <span id={`${id}-help`} className="field-help">
          {help}
        </span>
      )}
    </div>
  );
}

/** A group of radio buttons drawn as a segmented control. */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
}: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string; readonly icon?: IconName }[];
  readonly onChange: (value: T) => void;
  readonly disabled?: boolean;
}) {
  const name = useId();
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <label key={o.value} className={`segment${o.value === value ? ' segment-selected' : ''}`}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} disabled={disabled} onChange={() => onChange(o.value)} />
          {o.icon && <Icon name={o.icon} />}
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}

export function EmptyState({ icon, title, children }: { readonly icon: IconName; readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="empty">
      <Icon name={icon} className="empty-icon" />
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function Spinner({ label }: { readonly label: string }) {
  return <span className="spinner" role="progressbar" aria-label={label} />;
}
