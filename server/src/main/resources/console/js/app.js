// The console shell: sign-in, navigation between pages (hash routes), and signing out on a 401.
import { api, session, ApiError } from './api.js';
import { clear, errorBox, h, toast } from './dom.js';
import * as overview from './pages/overview.js';
import * as dlq from './pages/dlq.js';
import * as alerts from './pages/alerts.js';
import * as documents from './pages/documents.js';
import * as sources from './pages/sources.js';
import * as reports from './pages/reports.js';

const PAGES = { overview, dlq, alerts, documents, sources, reports };
const main = document.getElementById('main');
const login = document.getElementById('login');
const top = document.getElementById('top');
let current = null;

function showLogin(message) {
  current?.leave?.();
  current = null;
  top.hidden = true;
  main.hidden = true;
  login.hidden = false;
  document.getElementById('login-error').textContent = message || '';
  document.getElementById('api-key').value = '';
  document.getElementById('api-key').focus();
}

async function signIn(event) {
  event.preventDefault();
  const key = document.getElementById('api-key').value.trim();
  const operator = document.getElementById('operator').value.trim();
  const error = document.getElementById('login-error');
  if (!key || !operator) {
    error.textContent = !key ? 'Enter your API key.' : 'Enter your name.';
    return;
  }
  session.signIn(key, operator);
  try {
    await api('/alerts/active');
  } catch (e) {
    if (e.status !== 401 && e.status !== 403) {
      error.textContent = e.message;
      session.signOut();
      return;
    }
    if (e.status === 401) return; // showLogin already ran through the unauthorized event
  }
  route();
}

async function route() {
  if (!session.key()) {
    showLogin();
    return;
  }
  login.hidden = true;
  top.hidden = false;
  main.hidden = false;
  document.getElementById('who').textContent = `Signed in as ${session.operator()}`;
  const [, name = 'overview', ...rest] = (location.hash || '#/overview').split('/');
  const page = PAGES[name] || overview;
  document.querySelectorAll('nav a').forEach((a) => {
    if (a.getAttribute('href') === `#/${name}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  current?.leave?.();
  current = page;
  clear(main, h('p', { class: 'loading', text: 'Loading…' }));
  try {
    await page.render(main, rest.map(decodeURIComponent));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    clear(main, errorBox(e));
  }
  main.focus({ preventScroll: true });
}

window.addEventListener('console:unauthorized', (e) => showLogin(e.detail || 'Your key was not accepted; sign in again.'));
window.addEventListener('hashchange', route);
// A refresh or an action that fails outside a page's own error handling still tells the operator why.
// A 401 has already sent the operator back to sign in.
window.addEventListener('unhandledrejection', (e) => {
  if (!(e.reason instanceof ApiError)) return;
  e.preventDefault();
  if (e.reason.status !== 401) toast(e.reason.status === 403 ? `Not allowed: ${e.reason.message}` : e.reason.message);
});
document.getElementById('login-form').addEventListener('submit', signIn);
document.getElementById('logout').addEventListener('click', () => {
  session.signOut();
  showLogin('Signed out.');
});
route();
