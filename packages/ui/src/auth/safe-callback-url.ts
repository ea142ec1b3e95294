/** Only same-site paths: `?callbackUrl=https://evil.example` must not turn sign-in into an open redirect. */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = "/"): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return fallback;
  return url;
}
