// Documents: search by path or title and status (keyset pages), one document's versions, chunks and
// attempts, and the slow and failed lists.
import { api, query } from '../api.js';
import {
  badge, button, clear, facts, field, fmtBytes, fmtMs, fmtTime, h, heading, select, table,
} from '../dom.js';

const STATUSES = ['pending', 'processing', 'completed', 'failed', 'dead_letter', 'deleted'];
const search = { q: '', status: '', source: '', cursors: [] };

export async function render(main, [id]) {
  if (id) return renderDocument(main, Number(id));
  const before = search.cursors.at(-1);
  const [page, sources, slow, failed] = await Promise.all([
    api(`/documents${query({ q: search.q, status: search.status, source: search.source, before, limit: 25 })}`),
    api('/sources'), api('/documents/slow?threshold=1000&limit=10'), api('/documents/failed?limit=10')]);
  clear(main,
    heading('Documents'),
    searchForm(main, sources.sources.map((s) => s.name)),
    results(main, page),
    h('section', { 'aria-labelledby': 'slow-h' }, h('h2', { id: 'slow-h', text: 'Slowest (over 1 s)' }), docTable('Slowest documents', slow.documents)),
    h('section', { 'aria-labelledby': 'failed-h' }, h('h2', { id: 'failed-h', text: 'Recently failed' }), docTable('Failed documents', failed.documents)));
}

function searchForm(main, sourceNames) {
  const q = h('input', { id: 's-q', type: 'search', value: search.q, placeholder: 'e.g. invoice or reports/2026' });
  const status = select('s-status', [['', 'Any status'], ...STATUSES.map((s) => [s, s])], search.status);
  const source = select('s-source', [['', 'Any source'], ...sourceNames.map((s) => [s, s])], search.source);
  return h('form', { class: 'filters', role: 'search', 'aria-label': 'Search documents', onsubmit: (e) => {
    e.preventDefault();
    Object.assign(search, { q: q.value.trim(), status: status.value, source: source.value, cursors: [] });
    render(main, []);
  } }, field('Path or title contains', q), field('Status', status), field('Source', source), h('button', { type: 'submit' }, 'Search'));
}

function results(main, page) {
  const nav = h('div', { class: 'pager' },
    button('Previous page', () => { search.cursors.pop(); render(main, []); }, { disabled: !search.cursors.length }),
    button('Next page', () => { search.cursors.push(page.next_before); render(main, []); }, { disabled: page.next_before === null }));
  const scanned = search.q || search.source ? ` Ids ${page.scanned_ids.from}–${page.scanned_ids.below - 1} searched;`
    + ' further pages continue with older documents.' : '';
  return h('section', { 'aria-labelledby': 'results-h' },
    h('h2', { id: 'results-h', text: 'Search results' }),
    h('p', { class: 'meta', text: `${page.count} on this page, newest first.${scanned}` }),
    docTable('Matching documents', page.documents, 'No document matches on this page.'), nav);
}

function docTable(caption, docs, empty) {
  return table(caption, [
    ['Id', (d) => h('a', { href: `#/documents/${d.id}`, text: `#${d.id}` })],
    ['Path', (d) => h('span', { class: 'path', text: `${d.source}:${d.external_id}` })],
    ['Title', (d) => d.title || '–'],
    ['Status', (d) => badge(d.status)],
    ['Size', (d) => fmtBytes(d.size_bytes)],
    ['Processing', (d) => fmtMs(d.processing_ms)],
    ['Last error', (d) => d.last_error || '–'],
  ], docs, { empty });
}

async function renderDocument(main, id) {
  const [detail, chunks] = await Promise.all([api(`/documents/${id}`),
    api(`/documents/${id}/chunks?limit=20`).catch((e) => ({ error: e.message, chunks: [] }))]);
  const d = detail.document;
  clear(main,
    heading(`Document #${d.id}`, h('a', { href: '#/documents', class: 'button secondary', text: 'Back to search' })),
    h('p', { class: 'path', text: `${d.source}:${d.external_id}` }),
    facts([
      ['Status', badge(d.status)], ['Title', d.title], ['Type', d.mime_type], ['Size', fmtBytes(d.size_bytes)],
      ['Versions', d.version_count], ['Attempts', d.attempts], ['Processing time', fmtMs(d.processing_ms)],
      ['Truncated', d.truncated ? 'yes' : 'no'], ['Created', fmtTime(d.created_at)], ['Updated', fmtTime(d.updated_at)],
      ['Completed', fmtTime(d.completed_at)], ['Last error', d.last_error ? `${d.last_error_category}: ${d.last_error}` : '–'],
    ]),
    h('h2', { text: 'Versions' }),
    table('Stored versions, newest first', [
      ['No.', (v) => v.version_no], ['Title', (v) => v.title || '–'], ['Author', (v) => v.author || '–'],
      ['Pages', (v) => v.page_count ?? '–'], ['Characters', (v) => v.char_count], ['Chunks', (v) => v.chunk_count],
      ['Size', (v) => fmtBytes(v.size_bytes)], ['Stored', (v) => fmtTime(v.created_at)],
    ], detail.versions),
    h('h2', { text: 'Chunks of the current version' }),
    chunks.error ? h('p', { class: 'empty', text: chunks.error })
      : h('ol', { class: 'chunks' }, chunks.chunks.map((c) => h('li', { value: c.ordinal + 1 },
        h('p', { class: 'meta', text: `${c.heading_path} · page ${c.page ?? '–'} · ${c.end_offset - c.start_offset} chars` }),
        h('p', { text: c.text.length > 400 ? `${c.text.slice(0, 400)}…` : c.text })))),
    h('h2', { text: 'Attempts' }),
    table('Processing attempts, newest first', [
      ['No.', (a) => a.attempt_no], ['Outcome', (a) => badge(a.outcome)], ['Started', (a) => fmtTime(a.started_at)],
      ['Duration', (a) => fmtMs(a.duration_ms)], ['Worker', (a) => a.worker_id],
      ['Error', (a) => (a.category ? `${a.stage}/${a.category}: ${a.message || ''}` : '–')],
    ], detail.attempts),
    h('h2', { text: 'Dead letters' }),
    table('Dead-letter items of this document', [
      ['Item', (i) => `#${i.id}`], ['Status', (i) => badge(i.status)], ['Category', (i) => i.category],
      ['Message', (i) => i.message], ['Resolution', (i) => i.resolution_notes || '–'],
    ], detail.dead_letters));
}
