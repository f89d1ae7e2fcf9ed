/** What the host offers Hako (diagnostics.get): elevation, HCS, build, schema versions, exports, VMMS certificate. */
import { useCallback, useEffect, useState } from 'react';
import type { Diagnostics } from '../../../app/ipc/contract.js';
import { useHako } from '../context.js';
import { fromInfo } from '../logic/errors.js';
import { Icon } from './icons.js';
import { Button, Card, ErrorDetails, InfoBar, Spinner } from './ui.js';

function Check({ ok, yes, no, unknown }: { readonly ok: boolean | null; readonly yes: string; readonly no: string; readonly unknown?: string }) {
  return (
    <span className={`check ${ok === null ? 'check-unknown' : ok ? 'check-ok' : 'check-bad'}`}>
      <Icon name={ok === null ? 'info' : ok ? 'check' : 'error'} />
      {ok === null ? (unknown ?? 'Unknown') : ok ? yes : no}
    </span>
  );
}

export function DiagnosticsPage() {
  const call = useHako((s) => s.call);
  const app = useHako((s) => s.app);
  const [facts, setFacts] = useState<Diagnostics | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    const result = await call('Could not read the diagnostics', (api) => api.invoke('diagnostics.get'));
    if (result) setFacts(result);
    setLoading(false);
  }, [call]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 className="page-title">Diagnostics</h1>
          <p className="muted">What this computer offers Hako. Share this page when you report a problem.</p>
        </div>
        <div className="button-row">
          <Button icon="refresh" onClick={() => void load()} disabled={loading}>
            Refresh
          </Button>
          {app?.transport === 'electron' && (
            <Button icon="folder" onClick={() => void call('Could not open the logs folder', (api) => api.invoke('app.openLogsFolder'))}>
              Open logs folder
            </Button>
          )}
        </div>
      </header>
      {facts === null ? (
        loading && (
          <div className="center-pad">
            <Spinner label="Reading diagnostics" />
          </div>
        )
      ) : (
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
              <dl className="facts">
                <dt>Platform</dt>
                <dd>{facts.platform}</dd>
                <dt>Windows build</dt>
                <dd>{facts.build > 0 ? facts.build : 'Unknown'}</dd>
                <dt>Running as administrator</dt>
                <dd>
                  <Check ok={facts.elevated} yes="Yes" no="No: starting VMs needs it" />
                </dd>
                <dt>Hako</dt>
                <dd>{app ? `${app.version} (${app.transport === 'electron' ? 'desktop app' : 'browser host'})` : '…'}</dd>
                <dt>Virtualization APIs</dt>
                <dd>{facts.standIn ? 'Stand-ins (testing)' : 'Windows (computecore.dll)'}</dd>
              </dl>
            </Card>
            <Card title="Host Compute Service" icon="chip">
              <dl className="facts">
                <dt>Reachable</dt>
                <dd>
                  <Check ok={facts.hcsReachable} yes="Yes" no="No" />
                </dd>
                <dt>Schema versions</dt>
                <dd>
                  {facts.supportedSchemaVersions.length === 0
                    ? 'None reported'
                    : facts.supportedSchemaVersions.map((v) => (
                        <code key={`${v.Major}.${v.Minor}`} className="chip">
                          {v.Major}.{v.Minor}
                        </code>
                      ))}
                </dd>
                <dt>VMMS certificate</dt>
                <dd>
                  <Check
                    ok={facts.vmmsCertificate === 'unknown' ? null : facts.vmmsCertificate === 'present'}
                    yes="Present"
                    no="Missing"
                    unknown="Not checked here"
                  />
                  {facts.vmmsCertificate === 'missing' && (
                    <p className="muted small">With only Virtual Machine Platform enabled, VMs fail to start until the certificate exists (NanaBox's GenerateVmmsCertificate.ps1 creates it).</p>
                  )}
                </dd>
              </dl>
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
                <p className="field-error">
                  <Icon name="error" /> Missing required functions: {facts.missingExports.join(', ')}
                </p>
              )}
            </Card>
          </div>
        </div>
      )}
    </div>
  );
}
