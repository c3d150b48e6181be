// The tests launch Chromium exactly as the demo does.
export { chromiumPath, launchChromium, QUIET_FLAGS, type ChromiumOptions } from "../../demo/chromium";
