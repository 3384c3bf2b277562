// Overview: the morning health check at a glance.
import { api } from '../api.js';
import { badge, button, clear, errorBox, facts, fmtDuration, fmtMs, fmtNum, h, heading, table } from '../dom.js';
import { barChart, lineChart } from '../charts.js';

let timer;

export function leave() {
  clearTimeout(timer);
}

const STATUS_ORDER = ['pending', 'processing', 'completed', 'failed', 'dead_letter', 'deleted'];
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

export async function render(main) {
  const period = '24h';
  const [health, stats, series, times, capacity, active] = await Promise.allSettled([
    api('/health', { accept: [503] }), api(`/stats?period=${period}`), api(`/metrics/throughput?period=${period}`),
    api(`/metrics/processing_time?period=${period}`), api('/reports/capacity'), api('/alerts/active')]);
  clear(main,
    heading('Overview', button('Refresh', () => render(main))),
    h('p', { class: 'lede', text: `Figures for the last ${period}; refreshed every 30 seconds.` }),
    h('div', { class: 'grid' },
      card('Health', health, healthView),
      card('Active alerts', active, alertsView),
      card('Queue', capacity, backlogView)),
    h('div', { class: 'grid wide' },
      card('Throughput', series, throughputView),
      card('Error rate', series, errorRateView),
      card('Documents by status', stats, statusView),
      card('Processing time', times, timesView)));
  leave();
  timer = setTimeout(() => { if (document.getElementById('overview-health')) render(main); }, 30000);
}

function card(title, result, view) {
  const id = `overview-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const body = result.status === 'fulfilled' ? view(result.value) : errorBox(result.reason);
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h`, text: title }), body);
}

function healthView(report) {
  return h('div', {},
    h('p', {}, 'Overall: ', badge(report.status)),
    table('Components', [
      ['Component', (c) => c.component],
      ['Status', (c) => badge(c.status)],
      ['Detail', (c) => c.message],
    ], Object.values(report.checks || {})));
}

function alertsView(active) {
  const by = active.by_severity || {};
  return h('div', {},
    h('ul', { class: 'severities' }, SEVERITIES.map((s) => h('li', {}, badge(s), ` ${fmtNum(by[s] || 0)}`))),
    active.count ? h('ul', { class: 'plain' }, active.alerts.slice(0, 5).map((a) => h('li', {}, badge(a.severity), ' ', a.message)))
      : h('p', { class: 'empty', text: 'No alert is firing.' }),
    h('p', {}, h('a', { href: '#/alerts', text: 'Handle alerts' })));
}

function backlogView(capacity) {
  const b = capacity.backlog || {};
  return facts([
    ['Queued', fmtNum(b.queued)],
    ['In progress', fmtNum(b.in_progress)],
    ['Processed per hour (last hour)', fmtNum(b.processed_per_hour1h, 1)],
    ['Time to drain', b.hours_to_drain === null || b.hours_to_drain === undefined ? 'unknown (nothing processed lately)'
      : fmtDuration(b.hours_to_drain * 3600)],
  ]);
}

function timesView(t) {
  const total = t.total_ms || {};
  return facts([
    ['p50', fmtMs(total.p50)],
    ['p95', fmtMs(total.p95)],
    ['Max', fmtMs(total.max)],
    ['Documents measured', fmtNum(t.sample_size)],
  ]);
}

function hourLabel(iso) {
  return iso.slice(11, 16);
}

function throughputView(s) {
  return lineChart({
    title: 'Documents per hour',
    labels: s.points.map((p) => hourLabel(p.hour)),
    series: [
      { name: 'processed', cls: 's-ok', values: s.points.map((p) => p.processed) },
      { name: 'failed attempts', cls: 's-bad', values: s.points.map((p) => p.errors) },
    ],
  });
}

function errorRateView(s) {
  return lineChart({
    title: 'Error rate per hour',
    labels: s.points.map((p) => hourLabel(p.hour)),
    series: [{ name: 'error rate', cls: 's-bad', values: s.points.map((p) => p.error_rate * 100) }],
    format: (v) => `${fmtNum(v, 1)}%`,
  });
}

function statusView(stats) {
  const by = stats.documents.by_status;
  return h('div', {},
    barChart({ title: `${fmtNum(stats.documents.total)} documents`, items: STATUS_ORDER.map((s) => ({ label: s, value: by[s] || 0, cls: `b-${s}` })) }),
    facts([
      ['Processed in period', fmtNum(stats.processed)],
      ['Failed in period', fmtNum(stats.failed)],
      ['Dead letters open', fmtNum(stats.dead_letter_open)],
    ]));
}
