/**
 * Whether a browser request's Origin is Onepool's own: the host the request was sent to, or the
 * configured public URL (behind a proxy that rewrites Host). No Origin means no browser made the
 * request (a connector, curl), which must still authenticate by itself. Same-site is not enough:
 * another port or a sibling subdomain receives the Lax cookie too.
 */
export function originAllowed(origin: string | undefined | null, host: string | undefined | null, publicUrl?: string): boolean {
  if (origin === undefined || origin === null) return true;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) or garbage
  }
  if (o.protocol !== "http:" && o.protocol !== "https:") return false;
  if (publicUrl) {
    try {
      if (new URL(publicUrl).origin === o.origin) return true;
    } catch {
      // an invalid public URL is refused by env parsing; nothing to match here
    }
  }
  return !!host && o.host === host.toLowerCase();
}

/** The Origin header's verdict plus Fetch Metadata: a browser that says cross-site or same-site is refused. */
export function sameOriginRequest(headers: Headers, publicUrl?: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  return originAllowed(headers.get("origin"), headers.get("host"), publicUrl);
}
