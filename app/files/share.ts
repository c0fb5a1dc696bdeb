/**
 * Share links: the scenario travels in the URL's hash (`#scenario=<base64url of its JSON>`), so a
 * link opens the same scenario, seed included, with nothing stored anywhere.
 */

const KEY = 'scenario';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The link that opens `doc` (with its seed). */
export function shareLink(doc: unknown, base: string): string {
  const url = new URL(base);
  url.hash = `${KEY}=${toBase64Url(JSON.stringify(doc))}`;
  return url.toString();
}

/**
 * Reads the scenario text out of a link's hash: null when the hash holds none, or an error message
 * naming what is wrong with the link (the caller shows it and keeps the current scenario).
 */
export function scenarioFromHash(hash: string): { text: string } | { error: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const encoded = params.get(KEY);
  if (encoded === null) return null;
  try {
    return { text: fromBase64Url(encoded) };
  } catch {
    return { error: 'The share link is broken: its scenario part is not valid (was it cut short when copied?).' };
  }
}
