import { TableClient } from "@azure/data-tables";
import { MARKETPLACE_LEADS_TABLE } from "@leadrelay/leads";
import { z } from "zod";

export const azureTableConfigSchema = z.object({
  tableName: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z][A-Za-z0-9]{2,62}$/u,
      "A table name has 3 to 63 letters and digits and starts with a letter (the marketplace uses MarketplaceLeads)",
    )
    .refine((name) => name.toLowerCase() !== "tables", '"tables" is reserved by Azure')
    .default(MARKETPLACE_LEADS_TABLE),
});

export type AzureTableConfig = z.output<typeof azureTableConfigSchema>;

/** `Key=Value;…` pairs with case-insensitive keys, as Azure Storage writes them. */
export function connectionStringParts(connectionString: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const segment of connectionString.split(";")) {
    const equals = segment.indexOf("=");
    if (equals > 0)
      parts.set(segment.slice(0, equals).trim().toLowerCase(), segment.slice(equals + 1).trim());
  }
  return parts;
}

/** What is wrong with a connection string, in words a publisher can act on. */
function connectionStringProblem(connectionString: string): string | undefined {
  const parts = connectionStringParts(connectionString);
  if (parts.get("usedevelopmentstorage")?.toLowerCase() === "true") return undefined;
  const hasKey = parts.has("accountname") && parts.has("accountkey");
  const hasSas = parts.has("sharedaccesssignature");
  if (!hasKey && !hasSas) {
    return "Paste the storage account's whole connection string (Azure portal → storage account → Access keys → Connection string), e.g. DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net";
  }
  const key = parts.get("accountkey");
  if (hasKey && (key === undefined || !/^[A-Za-z0-9+/]+={0,2}$/u.test(key))) {
    return "The AccountKey in the connection string is incomplete: copy the whole connection string again";
  }
  if (hasSas && !parts.has("tableendpoint")) {
    return "A connection string with a shared access signature needs a TableEndpoint";
  }
  try {
    TableClient.fromConnectionString(connectionString, MARKETPLACE_LEADS_TABLE);
  } catch (error) {
    return `Azure cannot use this connection string: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

/** Older docs wrapped the value in JSON, `{"connectionString":"…"}`; both forms are taken. */
function unwrapJson(value: unknown): unknown {
  if (typeof value !== "string" || !value.trim().startsWith("{")) return value;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed === "object" && parsed !== null) {
      const entry = Object.entries(parsed).find(
        ([key]) => key.toLowerCase() === "connectionstring",
      );
      if (typeof entry?.[1] === "string") return entry[1];
    }
  } catch {
    // Not JSON after all: validated as a connection string below.
  }
  return value;
}

export const azureTableSecretsSchema = z.object({
  connectionString: z.preprocess(
    unwrapJson,
    z
      .string({ error: "Paste the storage account's connection string" })
      .trim()
      .min(1, "Paste the storage account's connection string")
      .superRefine((value, issues) => {
        const problem = connectionStringProblem(value);
        if (problem !== undefined) issues.addIssue({ code: "custom", message: problem });
      }),
  ),
});

export type AzureTableSecrets = z.output<typeof azureTableSecretsSchema>;

const AZURE_ENDPOINT_SUFFIXES = [
  "core.windows.net",
  "core.chinacloudapi.cn",
  "core.usgovcloudapi.net",
  "core.cloudapi.de",
];

/** Things to point out without refusing the value (e.g. the docs' `core.screens.net` slip). */
export function connectionStringWarnings(connectionString: string): string[] {
  const suffix = connectionStringParts(connectionString).get("endpointsuffix");
  return suffix !== undefined && !AZURE_ENDPOINT_SUFFIXES.includes(suffix.toLowerCase())
    ? [`EndpointSuffix "${suffix}" is not an Azure cloud's; the usual value is core.windows.net`]
    : [];
}
