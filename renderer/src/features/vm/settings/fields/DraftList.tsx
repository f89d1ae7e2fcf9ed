/**
 * A list in the draft (disks, adapters, GPUs, shares…) as item cards: each item's fields, and commands
 * to move it up or down and to remove it. The list subscribes to its items; each field inside to its
 * own value. Adding is the section's business (what a new item holds differs per list).
 */
import type { ReactNode } from 'react';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import type { IconName } from '../../../../kit/Icon/Icon.js';
import { ItemCard } from '../../../../kit/ItemList/ItemCard.js';
import { ItemList } from '../../../../kit/ItemList/ItemList.js';
import { useDraft, useUpdate } from '../editor/hooks.js';
import { listAt, readAt } from '../editor/pointer.js';

export interface DraftListProps<T> {
  readonly pointer: string;
  readonly label: string;
  /** How the commands name item `n` (1-based): "device 2". */
  readonly itemName: (n: number) => string;
  readonly icon: (item: T) => IconName;
  readonly caption?: (index: number) => string;
  readonly reorderable?: boolean;
  readonly layout?: 'label-value' | 'even';
  /** Shown instead of an empty list. */
  readonly empty?: ReactNode;
  /** The item's fields; `at` is the item's JSON Pointer. */
  readonly children: (item: T, index: number, at: string) => ReactNode;
}

export function DraftList<T>({ pointer, label, itemName, icon, caption, reorderable, layout, empty, children }: DraftListProps<T>) {
  const { t } = useT();
  const items = useDraft((config) => readAt(config, pointer) as readonly T[]);
  const update = useUpdate();
  if (items.length === 0 && empty !== undefined) return empty;

  const move = (from: number, to: number) =>
    update((config) => {
      const list = listAt(config, pointer);
      const [item] = list.splice(from, 1);
      list.splice(to, 0, item);
    });
  const remove = (index: number) => update((config) => void listAt(config, pointer).splice(index, 1));

  return (
    <ItemList label={label}>
      {items.map((item, i) => {
        const name = itemName(i + 1);
        return (
          <ItemCard
            key={i}
            icon={icon(item)}
            caption={caption?.(i)}
            layout={layout}
            actions={
              <>
                {reorderable && (
                  <>
                    <Button icon="up" variant="subtle" label={t('settings.moveUp', { item: name })} disabled={i === 0} onClick={() => move(i, i - 1)} />
                    <Button icon="down" variant="subtle" label={t('settings.moveDown', { item: name })} disabled={i === items.length - 1} onClick={() => move(i, i + 1)} />
                  </>
                )}
                <Button icon="trash" variant="subtle" label={t('settings.remove', { item: name })} onClick={() => remove(i)} />
              </>
            }
          >
            {children(item, i, `${pointer}/${i}`)}
          </ItemCard>
        );
      })}
    </ItemList>
  );
}
