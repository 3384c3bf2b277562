// Sources: sync status, last and next sync, a connectivity test and a sync now button per source.
import { api } from '../api.js';
import { badge, button, clear, errorBox, fmtTime, h, heading, toast } from '../dom.js';

export async function render(main) {
  const data = await api('/sources');
  clear(main,
    heading('Sources', button('Refresh', () => render(main))),
    data.count ? h('ul', { class: 'source-list' }, data.sources.map((s) => sourceCard(main, s)))
      : h('p', { class: 'empty', text: 'No source is configured.' }));
}

/** The connectivity test endpoint and body for a source, by its type. */
function testRequest(s) {
  switch (s.type) {
    case 's3': return ['/test/s3', { bucket: s.location.replace(/^s3:\/\//, '').split('/')[0] }];
    case 'sharepoint': return ['/test/sharepoint', { endpoint: s.location }];
    case 'jdbc':
    case 'database': return ['/test/database', { source: s.name }];
    default: return ['/test/filesystem', { source: s.name }];
  }
}

function sourceCard(main, s) {
  const out = h('div', { class: 'action-result', 'aria-live': 'polite' });
  const last = s.last_sync;
  const test = async () => {
    clear(out, 'Testing…');
    try {
      const [path, body] = testRequest(s);
      const r = await api(path, { method: 'POST', body });
      clear(out, h('p', { class: r.ok ? 'ok' : 'error' }, r.ok ? 'Reachable: ' : 'Not reachable: ', r.message || r.error || '',
        r.latency_ms !== undefined ? ` (${Math.round(r.latency_ms * 10) / 10} ms)` : ''));
    } catch (e) {
      clear(out, errorBox(e));
    }
  };
  const resume = async () => {
    try {
      const r = await api(`/sources/${encodeURIComponent(s.name)}/resume`, { method: 'POST' });
      toast(`${s.name} resumed; ${r.jobs_released} waiting document(s) are due again.`);
      render(main);
    } catch (e) {
      clear(out, errorBox(e));
    }
  };
  const sync = async () => {
    try {
      await api(`/sources/${encodeURIComponent(s.name)}/sync`, { method: 'POST' });
      toast(`Sync of ${s.name} started.`);
      setTimeout(() => render(main), 1500);
    } catch (e) {
      clear(out, errorBox(e));
    }
  };
  const paused = s.status === 'paused';
  return h('li', { class: 'card', 'data-source': s.name },
    h('h2', {}, s.name, ' ', paused ? badge('paused', 'dead_letter')
      : badge(s.syncing ? 'syncing' : (last?.status || 'never synced'), s.syncing ? 'processing' : last?.status || 'pending')),
    paused ? h('p', { class: 'error', text: `Paused: ${s.paused_reason || ''}. Its documents wait. Fix the credentials,`
      + ' test the connection, then resume.' }) : null,
    h('dl', { class: 'facts' },
      h('dt', { text: 'Type' }), h('dd', { text: s.type }),
      h('dt', { text: 'Location' }), h('dd', { class: 'path', text: s.location }),
      h('dt', { text: 'Schedule' }), h('dd', { text: s.schedule || 'manual only' }),
      h('dt', { text: 'Last sync' }), h('dd', { text: last ? `${fmtTime(last.finished_at || last.started_at)} (${last.trigger}): `
        + `${last.discovered} found, ${last.added} new, ${last.changed} changed, ${last.deleted} deleted${last.error ? `; error: ${last.error}` : ''}` : 'never' }),
      h('dt', { text: 'Next sync' }), h('dd', { text: s.next_sync_at ? fmtTime(s.next_sync_at) : 'not scheduled' })),
    h('div', { class: 'actions' }, button('Test connection', test, { 'aria-label': `Test connection to ${s.name}` }),
      paused ? button('Resume', resume, { 'aria-label': `Resume ${s.name}` })
        : button('Sync now', sync, { 'aria-label': `Sync ${s.name} now` })),
    out);
}
