/**
 * One HTTP call to a test server: `body` goes as JSON (a string as it is, under `contentType`),
 * the answer comes back parsed (null when empty) with its status and headers.
 */
export async function callApi(baseUrl: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; contentType?: string } = {}) {
  const { body, headers = {}, contentType = "application/json" } = opts;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": contentType }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** The Authorization header of a connector token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
