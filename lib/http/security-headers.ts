/**
 * Headers on every answer, pages and API alike (review #20). The CSP keeps what Next's App Router
 * needs: its inline bootstrap scripts and style attributes ('unsafe-inline': nonces would make
 * every page dynamic) and eval only in development (React refresh). What it adds: no framing
 * anywhere (clickjacking, also from a sibling subdomain), no plugins, no foreign scripts,
 * connections, forms or <base>.
 */
export function securityHeaders(opts: { https: boolean; dev: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // Only where the browser reached us over https: HSTS on a plain-http install would lock it out.
    ...(opts.https ? { "strict-transport-security": "max-age=31536000" } : {}),
  };
}

/** Whether this request arrived over https: directly, or through a trusted proxy that says so. */
export function servedOverHttps(encrypted: boolean, forwardedProto: string | string[] | undefined, trustProxy: boolean): boolean {
  if (encrypted) return true;
  if (!trustProxy || forwardedProto === undefined) return false;
  const first = (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto).split(",")[0].trim().toLowerCase();
  return first === "https";
}
