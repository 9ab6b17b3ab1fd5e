/**
 * The one rule for turning a stored URL into a link, in mail and in pages: only http(s) URLs become
 * `href`s. Anything else (`javascript:`, `data:`, a relative path, garbage) is never a link, even
 * if it reached the database before input checks were tightened.
 */
export function linkableUrl(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}
