// A server action's id, from the production build's server reference manifest: the id the
// browser sends in the Next-Action header.
import fs from "node:fs";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

export function actionId(filename: string, exportedName: string, manifestPath = ".next/server/server-reference-manifest.json"): string {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Manifest;
  const hit = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!hit) throw new Error(`No server action ${exportedName} from ${filename} in ${manifestPath}`);
  return hit[0];
}
