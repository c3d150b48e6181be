import type { ContentScriptContext } from "wxt/utils/content-script-context";
import { DEFAULT_POSITION, loadPosition, savePosition, type PanelPosition } from "./position-store";

/** The panel in the page: shown and hidden by the content script, holding the overlay frame. */
export type OverlayHost = {
  show(): void;
  hide(): void;
  readonly shown: boolean;
  /** True for the host element and anything inside it (its mutations are ours, not the page's). */
  owns(node: Node): boolean;
};

export const PANEL_WIDTH = 340;
export const FRAME_HEIGHT = 380;
const HANDLE_HEIGHT = 28;
/** A page that keeps removing the panel gets it back this often per minute, then wins (and is logged). */
const MAX_RESTORES_PER_MINUTE = 10;
const KEY_STEP = 10;

/**
 * Styles on the host element itself, set inline with !important: an inline important declaration
 * beats every rule in the page's style sheets, so page CSS (`* {display:none !important}`,
 * `[data-headroom-overlay] {opacity:0}`, transforms, filters) cannot hide, resize or restyle it. The
 * frame lives in a closed shadow root, where page selectors such as `iframe {…}` do not reach.
 */
const HOST_STYLE: Record<string, string> = {
  all: "initial",
  display: "block",
  position: "fixed",
  "z-index": "2147483647",
  width: `${PANEL_WIDTH}px`,
  height: `${HANDLE_HEIGHT + FRAME_HEIGHT}px`,
  "max-width": "calc(100vw - 8px)",
  "max-height": "calc(100vh - 8px)",
  margin: "0",
  padding: "0",
  border: "0",
  opacity: "1",
  visibility: "visible",
  transform: "none",
  filter: "none",
  "clip-path": "none",
  mask: "none",
  "pointer-events": "auto",
  contain: "layout paint",
  overflow: "hidden",
  "border-radius": "10px",
  "box-shadow": "0 6px 24px rgba(0, 0, 0, 0.28)",
  top: "auto",
  left: "auto",
};

const SHADOW_CSS = `
:host { all: initial; }
.panel { display: flex; flex-direction: column; width: 100%; height: 100%; }
.handle {
  all: initial; box-sizing: border-box; display: flex; align-items: center; gap: 6px;
  height: ${HANDLE_HEIGHT}px; padding: 0 10px; cursor: grab; user-select: none; touch-action: none;
  font: 600 12px/1 system-ui, sans-serif; background: #1f3a5f; color: #ffffff;
}
.handle:focus-visible { outline: 3px solid #ffbf47; outline-offset: -3px; }
.handle:active { cursor: grabbing; }
iframe {
  all: initial; display: block; width: 100%; height: ${FRAME_HEIGHT}px; border: 0;
  background: #ffffff; color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  .handle { background: #0d1b2a; color: #e6edf3; }
  iframe { background: #111418; }
}
`;

function applyHostStyle(host: HTMLElement, position: PanelPosition): void {
  for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, "important");
  host.style.setProperty("right", `${position.right}px`, "important");
  host.style.setProperty("bottom", `${position.bottom}px`, "important");
}

function clampPosition(position: PanelPosition): PanelPosition {
  const maxRight = Math.max(0, window.innerWidth - PANEL_WIDTH);
  const maxBottom = Math.max(0, window.innerHeight - HANDLE_HEIGHT - 40);
  return {
    right: Math.round(Math.min(Math.max(0, position.right), maxRight)),
    bottom: Math.round(Math.min(Math.max(0, position.bottom), maxBottom)),
  };
}

/**
 * Builds the panel: a `<headroom-overlay data-headroom-overlay>` element fixed over the page (so the
 * page's layout never shifts), with a closed shadow root holding a drag handle and an iframe of the
 * extension's overlay page. Every figure lives in that frame, whose origin is the extension's: the
 * supplier's page can see that a frame is there, never what it shows.
 */
export function createOverlayHost(ctx: ContentScriptContext, frameUrl: string): OverlayHost {
  let position: PanelPosition = DEFAULT_POSITION;
  let shown = false;
  let restores: number[] = [];

  const host = document.createElement("headroom-overlay");
  host.setAttribute("data-headroom-overlay", "");
  const shadow = host.attachShadow({ mode: "closed" });
  const style = document.createElement("style");
  style.textContent = SHADOW_CSS;
  const panel = document.createElement("div");
  panel.className = "panel";
  const handle = document.createElement("div");
  handle.className = "handle";
  handle.tabIndex = 0;
  handle.setAttribute("role", "button");
  handle.setAttribute("aria-label", "Move the Headroom panel: drag, or use the arrow keys");
  handle.textContent = "⠿ Headroom";
  const frame = document.createElement("iframe");
  frame.src = frameUrl;
  frame.title = "Headroom: supplier status and budget headroom";
  panel.append(handle, frame);
  shadow.append(style, panel);

  const place = (next: PanelPosition, persist: boolean): void => {
    position = clampPosition(next);
    host.style.setProperty("right", `${position.right}px`, "important");
    host.style.setProperty("bottom", `${position.bottom}px`, "important");
    if (persist) void savePosition(position);
  };

  void loadPosition().then((p) => place(p, false));

  // Dragging: the handle captures the pointer, so fast moves over the page or the frame are not lost.
  let drag: { x: number; y: number; start: PanelPosition } | null = null;
  ctx.addEventListener(handle, "pointerdown", (event: Event) => {
    const e = event as PointerEvent;
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, start: position };
    handle.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  ctx.addEventListener(handle, "pointermove", (event: Event) => {
    const e = event as PointerEvent;
    if (drag === null) return;
    place(
      { right: drag.start.right - (e.clientX - drag.x), bottom: drag.start.bottom - (e.clientY - drag.y) },
      false,
    );
  });
  const endDrag = (): void => {
    if (drag === null) return;
    drag = null;
    void savePosition(position);
  };
  ctx.addEventListener(handle, "pointerup", endDrag);
  ctx.addEventListener(handle, "pointercancel", endDrag);
  ctx.addEventListener(handle, "keydown", (event: Event) => {
    const e = event as KeyboardEvent;
    const step = e.shiftKey ? KEY_STEP * 5 : KEY_STEP;
    const moves: Record<string, PanelPosition> = {
      ArrowLeft: { right: position.right + step, bottom: position.bottom },
      ArrowRight: { right: position.right - step, bottom: position.bottom },
      ArrowUp: { right: position.right, bottom: position.bottom + step },
      ArrowDown: { right: position.right, bottom: position.bottom - step },
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    place(next, true);
  });
  ctx.addEventListener(window, "resize", () => place(position, false));

  const mayRestore = (): boolean => {
    const now = Date.now();
    restores = restores.filter((t) => now - t < 60_000);
    if (restores.length >= MAX_RESTORES_PER_MINUTE) return false;
    restores.push(now);
    return true;
  };

  const attach = (): void => {
    applyHostStyle(host, position);
    document.documentElement.append(host);
  };

  // The page may remove the panel or rewrite its style attribute: put it back, a bounded number of times.
  const guard = new MutationObserver(() => {
    if (!shown) return;
    const broken = !host.isConnected || host.parentNode !== document.documentElement;
    const restyled = !broken && host.style.getPropertyValue("z-index") !== HOST_STYLE["z-index"];
    if (!broken && !restyled) return;
    if (!mayRestore()) {
      console.warn("Headroom: the page keeps removing the panel; leaving it out for now.");
      return;
    }
    if (broken) attach();
    else applyHostStyle(host, position);
  });
  const watchRoot = (): void => {
    guard.observe(document.documentElement, { childList: true });
    guard.observe(host, { attributes: true, attributeFilter: ["style", "hidden", "class"] });
  };
  ctx.onInvalidated(() => {
    guard.disconnect();
    host.remove();
  });

  return {
    show() {
      if (shown) {
        // Already showing: only a panel the page removed needs putting back, within the same budget.
        if (!host.isConnected && mayRestore()) attach();
        return;
      }
      shown = true;
      attach();
      watchRoot();
    },
    hide() {
      shown = false;
      guard.disconnect();
      host.remove();
    },
    get shown() {
      return shown;
    },
    owns(node: Node) {
      return node === host || host.contains(node);
    },
  };
}
