/** Recently opened files, one click from opening again: the file's title and its full path. */
import { fileTitle } from '../../../../app/vm/labels.js';
import { useT } from '../../i18n/context.js';
import { Icon } from '../../kit/Icon/Icon.js';
import './RecentFiles.css';

export function RecentFiles({
  paths,
  labelledBy,
  onOpen,
  disabled,
}: {
  readonly paths: readonly string[];
  readonly labelledBy: string;
  readonly onOpen: (path: string) => void;
  readonly disabled?: boolean;
}) {
  const { t } = useT();
  return (
    <ul className="recent-list" aria-labelledby={labelledBy}>
      {paths.map((p) => (
        <li key={p}>
          <button type="button" className="recent-item" onClick={() => onOpen(p)} disabled={disabled} title={t('open.recentItem', { path: p })}>
            <Icon name="file" />
            <span className="recent-name">{fileTitle(p)}</span>
            <span className="recent-path">{p}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
