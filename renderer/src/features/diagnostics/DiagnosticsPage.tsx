/** What the host offers Hako: elevation, HCS, build, schema versions, exports, VMMS certificate. */
import type { Diagnostics } from '../../../../app/ipc/contract.js';
import { fromInfo } from '../../errors/shown-error.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { Card } from '../../kit/Card/Card.js';
import { Chip } from '../../kit/Chip/Chip.js';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import { Fact } from '../../kit/Facts/Fact.js';
import { Facts } from '../../kit/Facts/Facts.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { InfoBar } from '../../kit/InfoBar/InfoBar.js';
import { Page } from '../../kit/Page/Page.js';
import { Spinner } from '../../kit/Spinner/Spinner.js';
import { useHako } from '../../store/context.js';
import { Check } from './Check.js';
import { useDiagnostics, useOpenLogsFolder } from './use-diagnostics.js';
import './DiagnosticsPage.css';

export function DiagnosticsPage() {
  const { t } = useT();
  const { data: facts, loading, reload } = useDiagnostics();
  const app = useHako((s) => s.app);
  const openLogsFolder = useOpenLogsFolder();
  return (
    <Page
      title={t('diagnostics.title')}
      description={t('diagnostics.description')}
      actions={
        <div className="button-row">
          <Button icon="refresh" onClick={reload} disabled={loading}>
            {t('common.refresh')}
          </Button>
          {app?.transport === 'electron' && (
            <Button icon="folder" onClick={openLogsFolder}>
              {t('diagnostics.openLogs')}
            </Button>
          )}
        </div>
      }
    >
      {facts === null ? (
        loading && (
          <div className="center-pad">
            <Spinner label={t('diagnostics.loading')} size="large" />
          </div>
        )
      ) : (
        <DiagnosticsFacts facts={facts} hako={app ? t(app.transport === 'electron' ? 'diagnostics.transport.electron' : 'diagnostics.transport.host', { version: app.version }) : '…'} />
      )}
    </Page>
  );
}

function DiagnosticsFacts({ facts, hako }: { readonly facts: Diagnostics; readonly hako: string }) {
  const tr = useT();
  const { t } = tr;
  return (
    <div className="stack">
      {facts.standIn && (
        <InfoBar tone="info" title={t('diagnostics.standIn.title')}>
          <p>{t('diagnostics.standIn.body')}</p>
        </InfoBar>
      )}
      {!facts.hcsReachable && facts.hcsError && (
        <InfoBar tone="error" title={t('diagnostics.hcsDown')}>
          <ErrorDetails error={fromInfo(facts.hcsError)} />
        </InfoBar>
      )}
      <div className="diag-grid">
        <Card title={t('diagnostics.host')} icon="monitor">
          <Facts>
            <Fact term={t('diagnostics.platform')}>{facts.platform}</Fact>
            <Fact term={t('diagnostics.build')}>{facts.build > 0 ? facts.build : t('common.unknown')}</Fact>
            <Fact term={t('diagnostics.elevated')}>
              <Check ok={facts.elevated} yes={t('common.yes')} no={t('diagnostics.elevated.no')} unknown={t('common.unknown')} />
            </Fact>
            <Fact term={t('diagnostics.hako')}>{hako}</Fact>
            <Fact term={t('diagnostics.apis')}>{t(facts.standIn ? 'diagnostics.apis.standIn' : 'diagnostics.apis.windows')}</Fact>
          </Facts>
        </Card>
        <Card title={t('diagnostics.hcs')} icon="chip">
          <Facts>
            <Fact term={t('diagnostics.reachable')}>
              <Check ok={facts.hcsReachable} yes={t('common.yes')} no={t('common.no')} unknown={t('common.unknown')} />
            </Fact>
            <Fact term={t('diagnostics.schemas')}>
              {facts.supportedSchemaVersions.length === 0
                ? t('diagnostics.schemas.none')
                : facts.supportedSchemaVersions.map((v) => (
                    <Chip key={`${v.Major}.${v.Minor}`}>
                      {`${v.Major}.${v.Minor}`}
                    </Chip>
                  ))}
            </Fact>
            <Fact term={t('diagnostics.certificate')}>
              <Check
                ok={facts.vmmsCertificate === 'unknown' ? null : facts.vmmsCertificate === 'present'}
                yes={t('diagnostics.certificate.present')}
                no={t('diagnostics.certificate.missing')}
                unknown={t('diagnostics.certificate.unknown')}
              />
              {facts.vmmsCertificate === 'missing' && (
                <p className="muted small">{t('diagnostics.certificate.help')}</p>
              )}
            </Fact>
          </Facts>
        </Card>
        <Card title={t('diagnostics.optional')} icon="list" className="span-2">
          <ul className="exports" aria-label={t('diagnostics.optional')}>
            {Object.entries(facts.optionalExports)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([name, present]) => (
                <li key={name}>
                  {/* The icon says whether it is there; the ear gets it in words. */}
                  <span aria-hidden="true">
                    <Check ok={present} yes={name} no={name} unknown={name} />
                  </span>
                  <span className="visually-hidden">{t(present ? 'diagnostics.export.present' : 'diagnostics.export.missing', { name })}</span>
                </li>
              ))}
          </ul>
          {facts.missingExports.length > 0 && (
            <p className="missing-exports">
              <Icon name="error" /> {t('diagnostics.missingRequired', { names: tr.list(facts.missingExports) })}
            </p>
          )}
        </Card>
      </div>
    </div>
  );
}
