import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's own schema engine, compiled to WebAssembly. The CLI's native engine is a download
// that fails on machines without internet; this package ships inside npm, and writes the same
// `_prisma_migrations` table as `prisma migrate deploy`.

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");
export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");

type Bindings = typeof import("@prisma/schema-engine-wasm");
let bindings: Promise<Bindings> | undefined;

async function loadBindings(): Promise<Bindings> {
  const require = createRequire(import.meta.url);
  const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Bindings & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

export async function startSchemaEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  bindings ??= loadBindings();
  const { SchemaEngine } = await bindings;
  const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
  const log = (message: string) => {
    if (process.env.KAP_DEBUG_SCHEMA_ENGINE) console.error(message);
  };
  return SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, log, bindMigrationAwareSqlAdapterFactory(factory));
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet recorded in `_prisma_migrations`; returns their names. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory, dir = MIGRATIONS_DIR): Promise<string[]> {
  const engine = await startSchemaEngine(factory);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: readMigrations(dir), filters: noFilters });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The SQL that takes a database from the committed migrations to prisma/schema.prisma,
 * computed on a throw-away in-memory database (the "shadow"). Empty string when in step.
 */
export async function diffSchemaFromMigrations(factory: SqlMigrationAwareDriverAdapterFactory, dir = MIGRATIONS_DIR): Promise<string> {
  const engine = await startSchemaEngine(factory);
  try {
    const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrations(dir) },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const script = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(script) ? "" : script;
  } finally {
    engine.free();
  }
}
