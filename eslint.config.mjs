import next from "eslint-config-next";

export default [
  { ignores: ["lib/db/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
  ...next,
];
