import { useState } from "preact/hooks";
import { browser } from "wxt/browser";
import type { PermissionsView } from "../protocol/views";

/**
 * One button, one browser prompt for every supplier site the rule book names and the user has not
 * granted yet. `permissions.request` is called first thing in the click (Firefox requires it to run
 * inside the user's action), with the list the page already has.
 */
export function GrantButton({ permissions, onDone }: { permissions: PermissionsView; onDone: () => void }) {
  const [message, setMessage] = useState<string | null>(null);
  if (permissions.missing.length === 0) return null;
  const request = () => {
    browser.permissions.request({ origins: permissions.missing }).then(
      (granted) => {
        setMessage(granted ? null : "Access was not granted; Headroom stays off on those sites.");
        onDone();
      },
      (e: unknown) =>
        setMessage(`The browser refused the request: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  const sites = permissions.missing.filter((p) => !p.includes("://*.")).length;
  return (
    <div class="grant">
      <p>
        Headroom needs access to {sites} site{sites === 1 ? "" : "s"} named in the rule book to show its panel
        there.
      </p>
      <button type="button" data-testid="grant-permissions" onClick={request}>
        Grant access to supplier sites
      </button>
      {message && <p class="note">{message}</p>}
    </div>
  );
}
