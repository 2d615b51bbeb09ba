// Logging in through the form as a browser does, for the benchmarks that load pages.

/** GET /login for the CSRF token, POST it with the password; returns the session cookie. */
export async function login(base: string, name: string, password: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const cookies = form.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on the login page');
  const answer = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ name, password, _csrf: csrf }),
  });
  if (answer.status !== 303 && answer.status !== 302) throw new Error(`login answered ${answer.status}`);
  return answer.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
}
