import { render } from "preact";
import { z } from "zod";
z.config({ jitless: true });
const s = z.object({ a: z.string() });
render(<p>{s.parse({ a: "hi" }).a}</p>, document.getElementById("app")!);
