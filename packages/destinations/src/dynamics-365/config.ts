import { z } from "zod";

/** `<org>.crm[N].dynamics.com` (regional) or `<org>.dynamics.com`; Microsoft-hosted only. */
const DYNAMICS_HOST = /^[a-z0-9][a-z0-9-]*\.(crm\d*\.)?dynamics\.com$/iu;

export const ENTRA_AUTHORITY_HOST = "https://login.microsoftonline.com";

const guid = (what: string, where: string) =>
  z
    .string({ error: `Enter the ${what}, from ${where}` })
    .trim()
    .pipe(
      z.guid({
        error: `Enter the ${what} as a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), from ${where}`,
      }),
    );

/** An origin (scheme, host, port): anything after it in a pasted address is dropped. */
const originUrl = (message: string) =>
  z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/u, error: message }))
    .transform((value) => new URL(value).origin);

export const dynamicsConfigSchema = z.object({
  instanceUrl: z
    .string({
      error: "Enter your Dynamics 365 instance URL, e.g. https://contoso.crm4.dynamics.com",
    })
    .trim()
    .pipe(
      z.url({
        protocol: /^https$/u,
        hostname: DYNAMICS_HOST,
        error:
          "Enter your Dynamics 365 instance URL, e.g. https://contoso.crm4.dynamics.com (Power Platform admin center → Environments → Environment URL); on-premises Dynamics is not supported",
      }),
    )
    // A URL copied from the browser carries /main.aspx?appid=…; the Web API lives at the origin.
    .transform((value) => new URL(value).origin.toLowerCase()),
  tenantId: guid(
    "Directory (tenant) ID",
    "the app registration's Overview page in Microsoft Entra ID",
  ),
  clientId: guid(
    "Application (client) ID",
    "the app registration's Overview page in Microsoft Entra ID",
  ),
  /** `leadsourcecode` choice value; null leaves the column out (a customised choice list). Default 8 = "Web". */
  leadSourceCode: z
    .number({ error: "Lead source must be a choice value (a whole number)" })
    .int()
    .nullable()
    .optional(),
  /** Entra ID's authority; other clouds (login.microsoftonline.us) or a local fake in tests. */
  authorityHost: originUrl(
    "Enter the sign-in authority as a URL, e.g. https://login.microsoftonline.com",
  ).default(ENTRA_AUTHORITY_HOST),
  /** Where Web API calls go when not to the instance itself (tests, proxies); the token is still for the instance. */
  apiBaseUrl: originUrl("Enter the Web API address as a URL").optional(),
});

export type DynamicsConfig = z.output<typeof dynamicsConfigSchema>;

export const dynamicsSecretsSchema = z.object({
  clientSecret: z
    .string({ error: "Enter the client secret's Value (not its Secret ID)" })
    .trim()
    .min(1, "Enter the client secret's Value (not its Secret ID)"),
});

export type DynamicsSecrets = z.output<typeof dynamicsSecretsSchema>;
