/** "New VM…": opens the New VM wizard (from the navigation pane and the home page). */
import { Button, type ButtonVariant } from '../../kit/Button/Button.js';
import { useHako } from '../../store/context.js';
import { useT } from '../../i18n/context.js';
import './NewVmButton.css';

export function NewVmButton({ className, variant = 'primary' }: { readonly className?: string; readonly variant?: ButtonVariant }) {
  const t = useT();
  const select = useHako((s) => s.select);
  return (
    <Button variant={variant} icon="plus" className={className} onClick={() => select({ kind: 'newVm' })}>
      {t.t('create.open')}
    </Button>
  );
}
