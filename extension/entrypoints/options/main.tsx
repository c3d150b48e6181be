import "../../utils/zod-jitless";
import { render } from "preact";
import { OptionsApp } from "./options-app";

const root = document.getElementById("app");
if (root !== null) render(<OptionsApp />, root);
