import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// WXT builds from this folder; outputs land in ../dist/extension/<browser>-mv3.
export default defineConfig({
  srcDir: ".",
  outDir: "../dist/extension",
  imports: false,
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: "Headroom",
    description: "Preferred-supplier status and budget headroom while you shop on supplier sites.",
    permissions: ["storage", "alarms", "scripting"],
  },
});
