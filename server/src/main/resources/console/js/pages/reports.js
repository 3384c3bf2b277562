// Reports: performance and capacity, laid out for printing.
import { api } from '../api.js';
import { button, clear, facts, fmtBytes, fmtDuration, fmtMs, fmtNum, fmtTime, h, heading, select, field, table } from '../dom.js';
import { lineChart } from '../charts.js';

let period = '7d';

export async function render(main) {
  const [perf, cap] = await Promise.all([api(`/reports/performance?period=${period}`), api('/reports/capacity')]);
  const choice = select('r-period', [['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']], period);
  clear(main,
    heading('Reports', button('Print', () => window.print())),
    h('form', { class: 'filters no-print', onsubmit: (e) => { e.preventDefault(); period = choice.value; render(main); } },
      field('Period', choice), h('button', { type: 'submit' }, 'Show')),
    h('p', { class: 'meta', text: `Generated ${fmtTime(perf.generated_at)} for ${fmtTime(perf.from)} – ${fmtTime(perf.to)}.` }),
    performance(perf), capacity(cap));
}

function performance(p) {
  const t = p.latency.total_ms || {};
  return h('section', { class: 'report', 'aria-labelledby': 'perf-h' },
    h('h2', { id: 'perf-h', text: 'Performance' }),
    facts([
      ['Processed', fmtNum(p.volume.processed)], ['Failed', fmtNum(p.volume.failed)],
      ['Throughput', `${fmtNum(p.volume.throughput.documents_per_hour, 2)} documents/hour`],
      ['Bytes processed', fmtBytes(p.volume.bytes_processed)], ['Error rate', `${fmtNum(p.errors.percent, 2)}%`],
      ['p50 / p95 / p99', `${fmtMs(t.p50)} / ${fmtMs(t.p95)} / ${fmtMs(t.p99)}`],
      ['Processed vs previous period', p.trend.processed_change_percent === null ? 'no previous data'
        : `${fmtNum(p.trend.processed_change_percent, 1)}%`],
    ]),
    p.daily.length > 1 ? lineChart({ title: 'Processed per day', labels: p.daily.map((d) => d.date.slice(5)),
      series: [{ name: 'processed', cls: 's-ok', values: p.daily.map((d) => d.processed) },
        { name: 'errors', cls: 's-bad', values: p.daily.map((d) => d.errors) }] }) : null,
    table('Per stage', [
      ['Stage', ([s]) => s], ['p50', ([, v]) => fmtMs(v.p50)], ['p95', ([, v]) => fmtMs(v.p95)], ['Max', ([, v]) => fmtMs(v.max)],
    ], Object.entries(p.latency.stages || {})),
    table('Errors by category', [
      ['Category', (c) => c.category], ['Count', (c) => fmtNum(c.count)], ['Open dead letters', (c) => fmtNum(c.dead_letter_open)],
      ['Meaning', (c) => c.description],
    ], p.error_categories.categories),
    table('Slowest documents', [
      ['Id', (d) => h('a', { href: `#/documents/${d.id}`, text: `#${d.id}` })], ['Path', (d) => `${d.source}:${d.external_id}`],
      ['Processing', (d) => fmtMs(d.processing_ms)], ['Size', (d) => fmtBytes(d.size_bytes)],
    ], p.slowest_documents));
}

function capacity(c) {
  const g = c.growth;
  return h('section', { class: 'report', 'aria-labelledby': 'cap-h' },
    h('h2', { id: 'cap-h', text: 'Capacity' }),
    facts([
      ['Database size', fmtBytes(c.storage.database_bytes)], ['Documents', fmtNum(c.storage.documents)],
      ['Versions', fmtNum(c.storage.versions)], ['Chunks', fmtNum(c.storage.chunks)], ['Source bytes', fmtBytes(c.storage.source_bytes)],
      ['Data disk free', c.data_disk ? `${fmtBytes(c.data_disk.free_bytes)} of ${fmtBytes(c.data_disk.total_bytes)} (${fmtNum(c.data_disk.free_percent, 1)}%)` : '–'],
      ['Database growth per day', fmtBytes(g.database_bytes_per_day)],
      ['Days until the disk is full', g.days_until_disk_full === null ? 'not growing' : fmtNum(g.days_until_disk_full, 1)],
      ['Queue', `${fmtNum(c.backlog.queued)} queued, ${fmtNum(c.backlog.in_progress)} in progress`],
      ['Time to drain', c.backlog.hours_to_drain === null ? 'unknown' : fmtDuration(c.backlog.hours_to_drain * 3600)],
    ]));
}
