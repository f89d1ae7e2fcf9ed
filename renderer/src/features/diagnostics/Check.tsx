/** A yes/no fact with its icon: what is fine, what is missing, what could not be checked here. */
import clsx from 'clsx';
import { Icon } from '../../kit/Icon/Icon.js';

export function Check({ ok, yes, no, unknown }: { readonly ok: boolean | null; readonly yes: string; readonly no: string; readonly unknown: string }) {
  return (
    <span className={clsx('check', ok === null ? 'check-unknown' : ok ? 'check-ok' : 'check-bad')}>
      <Icon name={ok === null ? 'info' : ok ? 'check' : 'error'} />
      {ok === null ? unknown : ok ? yes : no}
    </span>
  );
}
