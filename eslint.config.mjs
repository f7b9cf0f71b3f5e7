import next from "eslint-config-next";

// Next's rules, and three that need the type-checker: a promise nobody awaits loses its error
// (a write the user thinks was saved), a promise where a boolean or a void callback is expected
// is always truthy or never awaited, and type-only imports keep server modules out of client
// bundles. (`typeof import("…")` stays allowed: it names a module loaded later, or mocked.)
const typeAware = {
  files: ["**/*.ts", "**/*.tsx"],
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  rules: {
    "@typescript-eslint/no-floating-promises": "error",
    "@typescript-eslint/no-misused-promises": "error",
    "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
  },
};

const config = [
  { ignores: ["lib/db/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...next,
  typeAware,
];

export default config;
