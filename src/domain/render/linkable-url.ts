// Everything outside RFC 3986's unreserved and reserved characters (and "%", already-encoded octets) is
// percent-encoded, so that a URL cannot close the link syntax of Markdown, Jira wiki markup or an HTML attribute.
const OUTSIDE_URL_CHARACTERS = /[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g;

/**
 * The form of `raw` that may become a clickable link, or null when it must not: only absolute http(s) URLs with a
 * host name qualify (never `javascript:`, `data:`, relative or protocol-relative URLs). Credentials in the URL are
 * dropped, and IPv6 literal hosts are refused because their brackets would break wiki link syntax.
 */
export function linkableUrl(raw: string): string | null {
  const candidate = raw.trim();
  if (!/^https?:\/\//i.test(candidate) || !URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  if (url.hostname === "" || url.host.startsWith("[")) return null;
  const rest = (url.pathname + url.search + url.hash).replace(OUTSIDE_URL_CHARACTERS, encodeURIComponent);
  return `${url.protocol}//${url.host}${rest}`;
}
