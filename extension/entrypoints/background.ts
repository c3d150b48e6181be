import "../utils/zod-jitless";
import { defineBackground } from "wxt/utils/define-background";
import { startBackground } from "../background/start";

export default defineBackground(() => {
  startBackground();
});
