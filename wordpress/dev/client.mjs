/**
 * HTTP helpers for talking to the local WordPress the way a browser or an
 * integration does: log in with a password (cookies + the REST nonce, as an
 * admin screen gets them), or send an application password.
 */

/** A cookie jar of name → value, filled from Set-Cookie headers. */
function storeCookies(jar, headers) {
  for (const line of headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq < 1) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expires = attributes.find((attribute) => /^\s*expires=/i.test(attribute));
    const expired = value === 'deleted' || (expires !== undefined && Date.parse(expires.split('=')[1]) < Date.now());
    if (expired) jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/**
 * Fetches a fresh REST nonce for a logged-in session, as WordPress core hands
 * it out: `admin-ajax.php?action=rest-nonce` answers the nonce as text, or
 * `0` with status 400 when the cookies are not a live session.
 */
export async function fetchRestNonce({ url, cookies }) {
  const response = await fetch(new URL('wp-admin/admin-ajax.php?action=rest-nonce', withSlash(url)), { headers: { Cookie: cookies } });
  const text = (await response.text()).trim();
  if (!response.ok || !/^[A-Za-z0-9]{4,}$/.test(text)) throw new Error(`admin-ajax.php?action=rest-nonce answered ${response.status} "${text.slice(0, 40)}": the session is not logged in`);
  return text;
}

/**
 * Logs in through wp-login.php. Returns `{ cookies, jar, nonce }`: `cookies`
 * is the Cookie header (the cookie names hash the site URL, port included),
 * `jar` the same as a Map, `nonce` a `wp_rest` nonce for `X-WP-Nonce`.
 */
export async function login({ url, user, password }) {
  const base = withSlash(url);
  const jar = new Map([['wordpress_test_cookie', 'WP%20Cookie%20check']]);
  const response = await fetch(new URL('wp-login.php', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ log: user, pwd: password, 'wp-submit': 'Log In', redirect_to: new URL('wp-admin/', base).href, testcookie: '1' }),
  });
  storeCookies(jar, response.headers);
  await response.arrayBuffer();
  if (response.status !== 302 || ![...jar.keys()].some((name) => name.startsWith('wordpress_logged_in_'))) {
    throw new Error(`logging in as ${user} failed: wp-login.php answered ${response.status} without a logged-in cookie`);
  }
  const cookies = cookieHeader(jar);
  return { cookies, jar, nonce: await fetchRestNonce({ url: base, cookies }) };
}

/**
 * A fetch that sends a logged-in session's cookies and its REST nonce
 * (`session` from `login()`). Relative URLs resolve against `base`.
 * `{ nonce: false }` in the init leaves the nonce out (to test that case).
 */
export function cookieFetch(session, base) {
  return (input, init = {}) => {
    const { nonce = true, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('Cookie', session.cookies);
    if (nonce) headers.set('X-WP-Nonce', typeof nonce === 'string' ? nonce : session.nonce);
    return fetch(base ? new URL(input, withSlash(base)) : input, { ...rest, headers });
  };
}

/** A fetch authenticated with an application password (HTTP Basic; no cookies, no nonce). */
export function appPasswordFetch({ user, appPassword }, base) {
  const authorization = `Basic ${Buffer.from(`${user}:${appPassword}`).toString('base64')}`;
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', authorization);
    return fetch(base ? new URL(input, withSlash(base)) : input, { ...init, headers });
  };
}

function withSlash(url) {
  const text = String(url);
  return text.endsWith('/') ? text : `${text}/`;
}
