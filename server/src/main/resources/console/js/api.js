// Calls the JSON API with the operator's key as a Bearer token. A 401 signs the operator out; any other
// error is thrown as an ApiError carrying the server's message, for the page to show inline.

const KEY = 'ingestion.console.key';
const NAME = 'ingestion.console.operator';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  operator: () => sessionStorage.getItem(NAME) || 'operator',
  signIn(key, operator) {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(NAME, operator || 'operator');
  },
  signOut() {
    sessionStorage.removeItem(KEY);
  },
};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Fetches `path`; `accept` lists extra statuses whose JSON body is returned as data (e.g. 503 of /health). */
export async function api(path, { method = 'GET', body, accept = [] } = {}) {
  const headers = { Accept: 'application/json' };
  const key = session.key();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server could not be reached; check that it is running.');
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (response.status === 401) {
    session.signOut();
    window.dispatchEvent(new CustomEvent('console:unauthorized', { detail: data?.message }));
    throw new ApiError(401, 'unauthorized', data?.message || 'Your key was not accepted; sign in again.');
  }
  if (!response.ok && !accept.includes(response.status)) {
    throw new ApiError(response.status, data?.error || `http_${response.status}`, data?.message || response.statusText);
  }
  return data;
}

/** Builds a query string from the non-empty entries of `params`. */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  });
  const s = q.toString();
  return s ? `?${s}` : '';
}
