import { useEffect, useState } from "preact/hooks";

/** A file the analyst takes away: its name as the rule book names it, and its whole text. */
export type FileText = { name: string; text: string };

type Status = { tone: "done" | "warn"; text: string };

const baseName = (name: string) => (name.split(/[\\/]/).pop() ?? name).replace(/\?.*$/, "");
const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/**
 * The changed files to take away by hand: Download, a Copy per file, and each file's text in a
 * read-only box to select and copy with the keyboard. The box is the way that works everywhere:
 * Excel on Mac saves nothing when an add-in starts a download, with no error (Microsoft calls it by
 * design: github.com/OfficeDev/office-js/issues/2700), and Excel on the web runs the pane in a frame
 * whose permissions policy can refuse the Clipboard API (github.com/OfficeDev/office-js/issues/2513).
 * Microsoft documents neither on learn.microsoft.com. So the pane says only what it knows: the
 * clipboard's answer, and for a download that the browser was asked.
 */
export function FileTexts({ files, disabled }: { files: readonly FileText[]; disabled: boolean }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<Status | null>(null);
  // The box to focus and select once it is on the page (after a copy the clipboard refused).
  const [focus, setFocus] = useState<string | null>(null);
  const idOf = (name: string) => `file-text-${files.findIndex((f) => f.name === name)}`;

  useEffect(() => {
    if (focus === null) return;
    const box = document.getElementById(idOf(focus)) as HTMLTextAreaElement | null;
    box?.focus();
    box?.select();
    setFocus(null);
  });

  const show = (names: readonly string[], on = true) => {
    const next = new Set(open);
    for (const n of names) {
      if (on) next.add(n);
      else next.delete(n);
    }
    setOpen(next);
  };

  const download = () => {
    for (const f of files) {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([f.text], { type: "application/json" }));
      a.download = baseName(f.name);
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    }
    show(files.map((f) => f.name));
    const names = list(files.map((f) => baseName(f.name)));
    setStatus({
      tone: "done",
      text:
        `Your browser was asked to save ${names}. If no file appears (Excel on Mac saves none), ` +
        `copy the text from the ${files.length === 1 ? "box" : "boxes"} below instead. Put the ` +
        `${files.length === 1 ? "file" : "files"} where the rule book lives, or send them to its owner.`,
    });
  };

  const copy = async (f: FileText) => {
    setStatus(null);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("this browser gives add-ins no clipboard");
      await navigator.clipboard.writeText(f.text);
      setStatus({
        tone: "done",
        text: `Copied ${baseName(f.name)} to the clipboard: save it over the rule book's ${baseName(f.name)}, or send it to the rule book's owner.`,
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      show([f.name]);
      setFocus(f.name);
      setStatus({
        tone: "warn",
        text:
          `Could not copy ${baseName(f.name)}: the clipboard is blocked here (${why}). Its text is selected ` +
          `in the box below: copy it with Ctrl+C (Cmd+C on a Mac).`,
      });
    }
  };

  return (
    <div data-testid="publish-files">
      <p class="muted">Or take the changed {files.length === 1 ? "file" : "files"} yourself:</p>
      <div class="row">
        <button type="button" onClick={download} disabled={disabled} data-testid="publish-download">
          Download {files.length === 1 ? baseName(files[0]!.name) : `${files.length} files`}
        </button>
      </div>
      {status && (
        <p
          role="status"
          class={status.tone === "warn" ? "warning file-note" : "muted file-note"}
          data-testid="publish-file-note"
        >
          {status.text}
        </p>
      )}
      {files.map((f) => {
        const id = idOf(f.name);
        const shown = open.has(f.name);
        return (
          <div key={f.name} class="file-text" data-testid="publish-file" data-file={f.name}>
            <div class="row">
              <span title={f.name}>{baseName(f.name)}</span>
              <button
                type="button"
                onClick={() => void copy(f)}
                disabled={disabled}
                data-testid="publish-copy"
                data-file={f.name}
              >
                Copy
              </button>
              <button
                type="button"
                aria-expanded={shown}
                aria-controls={id}
                onClick={() => show([f.name], !shown)}
                data-testid="publish-show"
                data-file={f.name}
              >
                {shown ? "Hide text" : "Show text"}
              </button>
            </div>
            {shown && (
              <div>
                <label for={id} class="muted">
                  The whole of {baseName(f.name)}: select it and copy with Ctrl+C (Cmd+C on a Mac).
                </label>
                <textarea
                  id={id}
                  readOnly
                  spellcheck={false}
                  value={f.text}
                  data-testid="publish-text"
                  data-file={f.name}
                />
                <div class="row">
                  <button
                    type="button"
                    onClick={() => {
                      const box = document.getElementById(id) as HTMLTextAreaElement | null;
                      box?.focus();
                      box?.select();
                    }}
                    data-testid="publish-select-all"
                    data-file={f.name}
                  >
                    Select all
                  </button>
                </div>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
