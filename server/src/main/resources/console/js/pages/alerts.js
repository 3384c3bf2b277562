// Alerts: what is firing now, acknowledged or not, and the history; acknowledge and resolve with notes.
import { api, session } from '../api.js';
import { badge, button, clear, errorBox, field, fmtTime, h, heading, select, table, toast } from '../dom.js';

let historyStatus = '';

export async function render(main) {
  const [active, history] = await Promise.all([api('/alerts/active'),
    api(`/alerts?limit=100${historyStatus ? `&status=${historyStatus}` : ''}`)]);
  const statusSelect = select('history-status', [['', 'All'], ['active', 'Active'], ['acknowledged', 'Acknowledged'],
    ['resolved', 'Resolved']], historyStatus);
  clear(main,
    heading('Alerts', button('Refresh', () => render(main))),
    h('section', { 'aria-labelledby': 'alerts-active-h' },
      h('h2', { id: 'alerts-active-h', text: `Firing now (${active.count})` }),
      active.count ? h('ul', { class: 'alert-list' }, active.alerts.map((a) => alertCard(main, a)))
        : h('p', { class: 'empty', text: 'No alert is firing.' })),
    h('section', { 'aria-labelledby': 'alerts-history-h' },
      h('h2', { id: 'alerts-history-h', text: 'History' }),
      h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); historyStatus = statusSelect.value; render(main); } },
        field('Status', statusSelect), h('button', { type: 'submit' }, 'Show')),
      table('Alerts, newest first', [
        ['Severity', (a) => badge(a.severity)],
        ['Rule', (a) => a.rule],
        ['Message', (a) => a.message],
        ['Status', (a) => badge(a.status)],
        ['First seen', (a) => fmtTime(a.first_seen_at)],
        ['Acknowledged', (a) => (a.acknowledged_by ? `${a.acknowledged_by}${a.ack_notes ? `: ${a.ack_notes}` : ''}` : '–')],
        ['Resolved', (a) => (a.resolved_at ? `${fmtTime(a.resolved_at)}${a.resolution_notes ? ` – ${a.resolution_notes}` : ''}` : '–')],
      ], history.alerts)));
}

function alertCard(main, a) {
  const notes = h('textarea', { id: `alert-notes-${a.id}`, rows: 2 });
  const out = h('div', { 'aria-live': 'polite' });
  const act = (label, fn) => async () => {
    try {
      await fn();
      toast(`Alert ${a.id} ${label}.`);
      await render(main);
    } catch (e) {
      clear(out, errorBox(e));
    }
  };
  const post = (path, body) => api(`/alerts/${a.id}/${path}`, { method: 'POST', body });
  return h('li', { class: `alert-card sev-${a.severity}`, 'data-alert': a.id },
    h('h3', {}, badge(a.severity), ` ${a.rule}`, a.key ? ` (${a.key})` : ''),
    h('p', { text: a.message }),
    h('p', { class: 'meta' }, 'Status ', badge(a.status), ` · since ${fmtTime(a.first_seen_at)} · last seen ${fmtTime(a.last_seen_at)}`,
      a.acknowledged_by ? ` · acknowledged by ${a.acknowledged_by}` : ''),
    field('Notes', notes),
    h('div', { class: 'actions' },
      a.status === 'active' ? button('Acknowledge', act('acknowledged', () => post('acknowledge',
        { acknowledged_by: session.operator(), notes: notes.value || undefined })), { id: `ack-${a.id}` }) : null,
      button('Resolve', act('resolved', () => post('resolve',
        { resolved_by: session.operator(), resolution_notes: notes.value || undefined })), { id: `resolve-${a.id}` })),
    out);
}
