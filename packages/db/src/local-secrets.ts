import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./data-dir";

export interface LocalSecrets {
  AUTH_SECRET: string;
  LEADRELAY_ENCRYPTION_KEY: string;
}

/**
 * Local mode only: secrets generated once into the data folder (mode 0600) so a
 * fresh checkout runs with no configuration and sessions survive restarts.
 * Production deployments set both variables themselves.
 */
export function loadOrCreateLocalSecrets(): LocalSecrets {
  const dir = dataDir();
  const file = path.join(dir, "secrets.json");
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  }
  mkdirSync(dir, { recursive: true });
  const secrets: LocalSecrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    LEADRELAY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return secrets;
}
