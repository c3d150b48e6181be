// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Imports flow one way: edges (addin, extension, cli) → shared. Edges never import each other. */
const edge = (name) => ({
  group: [`**/${name}/**`, `../${name}`, `../../${name}`],
  message: `Edges never import each other or shared/ from ${name}/; move the logic to shared/.`,
});

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "**/.output/", "**/.wxt/", "demo-output/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "smart"],
    },
  },
  {
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            edge("addin"),
            edge("extension"),
            edge("cli"),
            {
              group: ["node:*", "fs", "path", "os", "child_process"],
              message: "shared/ is pure: no Node APIs (use an adapter).",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "window", message: "shared/ is pure: no DOM." },
        { name: "document", message: "shared/ is pure: no DOM." },
        { name: "chrome", message: "shared/ is pure: no browser APIs." },
        { name: "browser", message: "shared/ is pure: no browser APIs." },
        { name: "Office", message: "shared/ is pure: no Office APIs." },
        { name: "Excel", message: "shared/ is pure: no Office APIs." },
        { name: "process", message: "shared/ is pure: no Node APIs." },
      ],
    },
  },
  {
    files: ["cli/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [edge("addin"), edge("extension")] }] },
  },
  {
    files: ["addin/**/*.{ts,tsx}", "extension/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "process", message: "Runs in a browser: no Node APIs." },
        { name: "Buffer", message: "Runs in a browser: no Node APIs." },
      ],
    },
  },
  {
    files: ["addin/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [edge("extension"), edge("cli")] }] },
  },
  {
    files: ["extension/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [edge("addin"), edge("cli")] }] },
  },
);
