/** The keyboard shortcuts (`?`), as a table in a dialog. */
import { useT } from '../i18n/context.js';
import { Button } from '../kit/Button/Button.js';
import { Dialog } from '../kit/Dialog/Dialog.js';
import { Table } from '../kit/Table/Table.js';
import { SHORTCUTS } from './shortcuts.js';

export function ShortcutsDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useT();
  return (
    <Dialog
      title={t('shortcuts.title')}
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </Button>
      }
    >
      <p className="muted">{t('shortcuts.intro')}</p>
      <Table label={t('shortcuts.table')}>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td className="nowrap">
                <kbd>{s.keysKey ? t(s.keysKey) : s.keys}</kbd>
              </td>
              <td>{t(s.action)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Dialog>
  );
}
