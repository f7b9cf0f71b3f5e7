import next from "eslint-config-next";

const config = [
  { ignores: ["lib/db/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
  ...next,
];

export default config;
