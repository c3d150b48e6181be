/** `text` parsed as an http or https URL (the URL standard's reading), or null for anything else. */
export function webUrl(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return url.protocol === "https:" || url.protocol === "http:" ? url : null;
}
