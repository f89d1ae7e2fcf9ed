/** The keys NanaBox does not read, with their JSON Pointers and values: kept by Hako, edited elsewhere. */
import { CodeInline } from '../../../../kit/CodeBlock/CodeInline.js';
import { Table } from '../../../../kit/Table/Table.js';
import type { FoundUnknownKey } from '../editor/unknown-keys.js';

export function UnknownKeysTable({ keys }: { readonly keys: readonly FoundUnknownKey[] }) {
  return (
    <Table label="Keys NanaBox does not read">
      <thead>
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Value</th>
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
