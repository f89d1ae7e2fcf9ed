/** A small label that qualifies the item next to it ("Saving changes this"). */
import clsx from 'clsx';
import './Tag.css';

export function Tag({ tone, children }: { readonly tone: 'warning'; readonly children: string }) {
  return <span className={clsx('tag', `tag-${tone}`)}>{children}</span>;
}
