import { render } from "preact";
// No zod here: the overlay loads in every supplier page, so it checks its one incoming message with a
// small guard (protocol/content-guards.ts) and only displays what the background computed.
import { OverlayApp } from "./overlay-app";

const root = document.getElementById("app");
if (root !== null) render(<OverlayApp />, root);
