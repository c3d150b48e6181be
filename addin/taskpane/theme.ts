/**
 * Follows Office's theme where the host exposes it (`Office.context.officeTheme`: body and control
 * colours, dark or not); elsewhere the stylesheet follows the system's light or dark setting.
 */
export function applyOfficeTheme(root: HTMLElement = document.documentElement): void {
  const theme = typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
  if (!theme?.bodyBackgroundColor) return;
  root.dataset["officeTheme"] = theme.isDarkTheme ? "dark" : "light";
  const set = (name: string, value: string | undefined) => {
    if (value && /^#[0-9a-f]{3,8}$/i.test(value)) root.style.setProperty(name, value);
  };
  set("--bg", theme.bodyBackgroundColor);
  set("--fg", theme.bodyForegroundColor);
  set("--panel", theme.controlBackgroundColor);
}
