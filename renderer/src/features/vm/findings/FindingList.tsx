/** Findings about a file, most severe first, each with its JSON Pointer and whether saving changes it. */
import clsx from 'clsx';
import { useT } from '../../../i18n/context.js';
import { Chip } from '../../../kit/Chip/Chip.js';
import { Icon, type IconName } from '../../../kit/Icon/Icon.js';
import { Tag } from '../../../kit/Tag/Tag.js';
import { findingText, pointerLabel, sortFindings, type FindingLike } from './findings.js';
import './FindingList.css';

const ICONS: Readonly<Record<FindingLike['severity'], IconName>> = { error: 'error', warning: 'warning', info: 'info' };

export function FindingList({ findings, label }: { readonly findings: readonly FindingLike[]; readonly label: string }) {
  const tr = useT();
  return (
    <ul className="findings" aria-label={label}>
      {sortFindings(findings).map((f, i) => (
        <li key={`${f.code}-${f.path}-${i}`} className={clsx('finding', `finding-${f.severity}`)}>
          <Icon name={ICONS[f.severity]} className="finding-icon" />
          <div className="finding-body">
            <p className="finding-text">{findingText(tr, f)}</p>
            <p className="finding-meta">
              <Chip title={f.path}>{f.path || '/'}</Chip>
              <span className="muted">{pointerLabel(tr, f.path)}</span>
              {f.lossy && <Tag tone="warning">{tr.t('findings.lossy')}</Tag>}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
