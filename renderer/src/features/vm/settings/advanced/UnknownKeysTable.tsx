/** The keys NanaBox does not read, with their JSON Pointers and values: kept by Hako, edited elsewhere. */
import { useT } from '../../../../i18n/context.js';
import { CodeInline } from '../../../../kit/CodeBlock/CodeInline.js';
import { Table } from '../../../../kit/Table/Table.js';
import type { FoundUnknownKey } from '../editor/unknown-keys.js';

export function UnknownKeysTable({ keys }: { readonly keys: readonly FoundUnknownKey[] }) {
  const { t } = useT();
  return (
    <Table label={t('settings.advanced.unknown')}>
      <thead>
        <tr>
          <th scope="col">{t('settings.advanced.unknown.path')}</th>
          <th scope="col">{t('settings.advanced.unknown.value')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((u) => (
          <tr key={u.pointer}>
            <td>
              <code>{u.pointer}</code>
            </td>
            <td>
              <CodeInline>{u.json}</CodeInline>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
