// `prisma generate` needs no schema engine, but the Prisma 7 CLI refuses to run until one
// exists on disk and tries to download it otherwise, which fails offline. Any existing file
// satisfies the check, so we point it at Node itself.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= process.execPath;
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
