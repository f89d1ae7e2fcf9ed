/**
 * How a running VM is doing now: how long it has run, its processor use and its memory, each with a
 * small chart of the last two minutes. Shown on the Overview while the VM runs or is paused; the figures
 * are read only while this card is on screen (use-live-figures.ts).
 */
import type { ReactNode } from 'react';
import type { Translator } from '../../../../../../app/i18n/translator.js';
import { useT } from '../../../../i18n/context.js';
import { Card } from '../../../../kit/Card/Card.js';
import { Sparkline } from '../../../../kit/Sparkline/Sparkline.js';
import { Spinner } from '../../../../kit/Spinner/Spinner.js';
import type { FiguresSample } from './figures-poller.js';
import { FIGURES_HISTORY, FIGURES_INTERVAL_MS, useLiveFigures } from './use-live-figures.js';
import './LiveFiguresCard.css';

const HISTORY_MINUTES = (FIGURES_HISTORY * FIGURES_INTERVAL_MS) / 60_000;

/** Days, then hours:minutes:seconds. */
export function uptimeText(tr: Translator, ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${Math.floor((seconds % 86_400) / 3600)}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
  return tr.t('live.uptime.value', { days, time });
}

const percent = (tr: Translator, value: number) => tr.number(value / 100, { style: 'percent', maximumFractionDigits: 1 });

/** The processor chart's top: the first of 10, 25, 50 and 100 % that holds every value, so an idle guest's line is not flat on the floor. */
export function processorScale(values: readonly number[]): number {
  const highest = Math.max(0, ...values);
  return [10, 25, 50].find((top) => highest <= top) ?? 100;
}

/** A chart with its scale's top written in its corner. */
function Chart({ scale, children }: { readonly scale: string; readonly children: ReactNode }) {
  return (
    <div className="live-chart">
      {children}
      <span className="live-scale" aria-hidden="true">
        {scale}
      </span>
    </div>
  );
}

export function LiveFiguresCard({ path, paused }: { readonly path: string; readonly paused: boolean }) {
  const tr = useT();
  const { t } = tr;
  const { samples, error } = useLiveFigures(path);
  const latest = samples.at(-1);
  return (
    <Card title={t('live.title')} icon="pulse" className="live-card">
      {latest === undefined ? (
        error ? <p role="alert">{t('live.failed', { message: error.message })}</p> : <Spinner label={t('live.reading')} />
      ) : (
        <>
          <div className="live-grid">
            <Figure
              label={t('live.uptime')}
              value={uptimeText(tr, latest.uptimeMs)}
              detail={t('live.uptime.since', { time: tr.dateTime(latest.at - latest.uptimeMs, { dateStyle: 'medium', timeStyle: 'short' }) })}
            />
            <Cpu samples={samples} latest={latest} paused={paused} />
            <Memory samples={samples} latest={latest} />
          </div>
          {error && <p className="muted">{t('live.failed', { message: error.message })}</p>}
          <p className="muted live-note">{t('live.note', { seconds: FIGURES_INTERVAL_MS / 1000, minutes: HISTORY_MINUTES })}</p>
        </>
      )}
    </Card>
  );
}

function Figure({ label, value, detail, children }: { readonly label: string; readonly value: string; readonly detail?: string; readonly children?: ReactNode }) {
  return (
    <section className="live-figure" aria-label={label}>
      <h3 className="live-label">{label}</h3>
      <p className="live-value">{value}</p>
      {detail && <p className="muted live-detail">{detail}</p>}
      {children}
    </section>
  );
}

function Cpu({ samples, latest, paused }: { readonly samples: readonly FiguresSample[]; readonly latest: FiguresSample; readonly paused: boolean }) {
  const tr = useT();
  const values = samples.map((s) => s.cpuPercent);
  const now = percent(tr, latest.cpuPercent);
  const scale = processorScale(values);
  return (
    <Figure label={tr.t('live.cpu')} value={now} {...(paused ? { detail: tr.t('live.paused') } : {})}>
      <Chart scale={percent(tr, scale)}>
        <Sparkline
          values={values}
          max={scale}
          capacity={FIGURES_HISTORY}
          label={tr.t('live.cpu.chart', { minutes: HISTORY_MINUTES, now, highest: percent(tr, Math.max(...values)) })}
        />
      </Chart>
    </Figure>
  );
}

function Memory({ samples, latest }: { readonly samples: readonly FiguresSample[]; readonly latest: FiguresSample }) {
  const tr = useT();
  const assigned = tr.megabytes(latest.memoryAssignedMb);
  if (latest.memoryUsedMb === undefined) {
    return <Figure label={tr.t('live.memory')} value={tr.t('live.memory.assigned', { assigned })} detail={tr.t('live.memory.notReported')} />;
  }
  const used = tr.megabytes(latest.memoryUsedMb);
  return (
    <Figure label={tr.t('live.memory')} value={tr.t('live.memory.used', { used, assigned })}>
      <Chart scale={assigned}>
        <Sparkline
          tone="success"
          values={samples.map((s) => s.memoryUsedMb ?? 0)}
          max={latest.memoryAssignedMb}
          capacity={FIGURES_HISTORY}
          label={tr.t('live.memory.chart', { minutes: HISTORY_MINUTES, used, assigned })}
        />
      </Chart>
    </Figure>
  );
}
