// URLs copied where more people read them than registered them (the audit log): credentials a
// URL carries are dropped. Pure.

/** The URL with its user:password@ and every query value replaced by "***"; a non-URL is returned as "***". */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "***";
  }
  if (url.username) url.username = "***";
  if (url.password) url.password = "***";
  // Any query value may be a key (?token=, ?sig=, ?code=): none is needed to tell which receiver it is.
  if (url.search) {
    const keys = [...url.searchParams.keys()];
    url.search = keys.map((k) => `${encodeURIComponent(k)}=***`).join("&");
  }
  url.hash = "";
  return url.toString();
}
