import path from "node:path";
import { fileURLToPath } from "node:url";
import { localEnv } from "./env";

/** The repository root (this file lives in packages/db/src). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where local mode keeps its database and generated secrets. */
export function dataDir(): string {
  const configured = localEnv().LEADRELAY_DATA_DIR;
  return configured ? path.resolve(configured) : path.join(repoRoot, ".leadrelay");
}
