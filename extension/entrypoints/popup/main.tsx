import "../../utils/zod-jitless";
import { render } from "preact";
import { PopupApp } from "./popup-app";

const root = document.getElementById("app");
if (root !== null) render(<PopupApp />, root);
