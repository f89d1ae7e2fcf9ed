/** What the host offers Hako: elevation, HCS, build, schema versions, exports, VMMS certificate. */
import type { Diagnostics } from '../../../../app/ipc/contract.js';
import { fromInfo } from '../../errors/shown-error.js';
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
  const { data: facts, loading, reload } = useDiagnostics();
  const app = useHako((s) => s.app);
  const openLogsFolder = useOpenLogsFolder();
  return (
    <Page
      title="Diagnostics"
      description="What this computer offers Hako. Share this page when you report a problem."
      actions={
        <div className="button-row">
          <Button icon="refresh" onClick={reload} disabled={loading}>
            Refresh
          </Button>
          {app?.transport === 'electron' && (
            <Button icon="folder" onClick={openLogsFolder}>
              Open logs folder
            </Button>
          )}
        </div>
      }
    >
      {facts === null ? (
        loading && (
          <div className="center-pad">
            <Spinner label="Reading diagnostics" size="large" />
          </div>
        )
      ) : (
        <DiagnosticsFacts facts={facts} hako={app ? `${app.version} (${app.transport === 'electron' ? 'desktop app' : 'browser host'})` : '…'} />
      )}
    </Page>
  );
}

function DiagnosticsFacts({ facts, hako }: { readonly facts: Diagnostics; readonly hako: string }) {
  return (
    <div className="stack">
      {facts.standIn && (
        <InfoBar tone="info" title="Running on the stand-ins">
          <p>Hako talks to in-memory stand-ins of the Windows virtualization APIs, not to Hyper-V. VMs behave as they would, but nothing really boots.</p>
        </InfoBar>
      )}
      {!facts.hcsReachable && facts.hcsError && (
        <InfoBar tone="error" title="The Host Compute Service cannot be reached">
          <ErrorDetails error={fromInfo(facts.hcsError)} />
        </InfoBar>
      )}
      <div className="diag-grid">
        <Card title="Host" icon="monitor">
          <Facts>
            <Fact term="Platform">{facts.platform}</Fact>
            <Fact term="Windows build">{facts.build > 0 ? facts.build : 'Unknown'}</Fact>
            <Fact term="Running as administrator">
              <Check ok={facts.elevated} yes="Yes" no="No: starting VMs needs it" />
            </Fact>
            <Fact term="Hako">{hako}</Fact>
            <Fact term="Virtualization APIs">{facts.standIn ? 'Stand-ins (testing)' : 'Windows (computecore.dll)'}</Fact>
          </Facts>
        </Card>
        <Card title="Host Compute Service" icon="chip">
          <Facts>
            <Fact term="Reachable">
              <Check ok={facts.hcsReachable} yes="Yes" no="No" />
            </Fact>
            <Fact term="Schema versions">
              {facts.supportedSchemaVersions.length === 0
                ? 'None reported'
                : facts.supportedSchemaVersions.map((v) => (
                    <Chip key={`${v.Major}.${v.Minor}`}>
                      {v.Major}.{v.Minor}
                    </Chip>
                  ))}
            </Fact>
            <Fact term="VMMS certificate">
              <Check ok={facts.vmmsCertificate === 'unknown' ? null : facts.vmmsCertificate === 'present'} yes="Present" no="Missing" unknown="Not checked here" />
              {facts.vmmsCertificate === 'missing' && (
                <p className="muted small">With only Virtual Machine Platform enabled, VMs fail to start until the certificate exists (NanaBox's GenerateVmmsCertificate.ps1 creates it).</p>
              )}
            </Fact>
          </Facts>
        </Card>
        <Card title="Optional functions" icon="list" className="span-2">
          <ul className="exports" aria-label="Optional functions">
            {Object.entries(facts.optionalExports)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([name, present]) => (
                <li key={name}>
                  <Check ok={present} yes={name} no={name} />
                </li>
              ))}
          </ul>
          {facts.missingExports.length > 0 && (
            <p className="missing-exports">
              <Icon name="error" /> Missing required functions: {facts.missingExports.join(', ')}
            </p>
          )}
        </Card>
      </div>
    </div>
  );
}
