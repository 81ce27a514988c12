import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Azurite's documented development account (public, not a secret). */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface AzuriteTable {
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  readonly tableEndpoint: string;
  /** The explicit form: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=…;TableEndpoint=…;` */
  readonly connectionString: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts Azurite's Table service (the `azurite` package) in memory on a random port, for the
 * tests that need real Table storage. Takes a few seconds: start one per test file.
 */
export async function startAzuriteTable({ startTimeoutMs = 30_000 } = {}): Promise<AzuriteTable> {
  const main = createRequire(import.meta.url).resolve("azurite/dist/src/table/main.js");
  // Azurite writes nothing in memory mode, but give it a folder of its own all the same.
  const workDir = await mkdtemp(join(tmpdir(), "azurite-table-"));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      main,
      "--inMemoryPersistence",
      "--tableHost",
      "127.0.0.1",
      "--tablePort",
      String(port),
      "--skipApiVersionCheck",
      "--loose",
      "--disableTelemetry",
      "--silent",
    ],
    { cwd: workDir, stdio: ["ignore", "pipe", "pipe"] },
  );

  let output = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Azurite did not start within ${startTimeoutMs} ms:\n${output}`)),
        startTimeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("successfully started")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    child.kill("SIGKILL");
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }

  const tableEndpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  return {
    tableEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${tableEndpoint};`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
