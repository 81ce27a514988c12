import { z } from "zod";

const MUNCHKIN_ID = /^\d{3}-[A-Z]{3}-\d{3}$/u;

export const marketoConfigSchema = z
  .object({
    munchkinId: z
      .string({ error: "Enter the Munchkin ID, e.g. 123-ABC-456" })
      .trim()
      .toUpperCase()
      .regex(
        MUNCHKIN_ID,
        "Enter the Munchkin ID as three digits, three letters, three digits, e.g. 123-ABC-456 (Admin → Munchkin → Munchkin Account ID)",
      ),
    formId: z.coerce
      .number({ error: "Enter the Form ID: the number in the form's embed code, e.g. 1179" })
      .int("Enter the Form ID: the number in the form's embed code, e.g. 1179")
      .positive("Enter the Form ID: the number in the form's embed code, e.g. 1179"),
    /** Older setup (Server ID from `app-<server>.marketo.com`); kept for reference, not needed by the REST route. */
    serverId: z
      .string()
      .trim()
      .toLowerCase()
      .transform((value) => value.replace(/^app-/u, "").replace(/\.marketo\.com$/u, ""))
      .pipe(
        z
          .string()
          .regex(
            /^[a-z]{2,3}\d{1,4}$/u,
            'Enter the Server ID from app-<server>.marketo.com, e.g. "ys12"',
          ),
      )
      .optional(),
    /** A form field that receives the lead's description (Marketo has no standard one), e.g. a custom "Comments" field. */
    descriptionField: z
      .string()
      .trim()
      .min(1, "Enter the form field's name or leave it empty")
      .optional(),
    /** REST and identity host; `https://<munchkin>.mktorest.com` by default, overridable for tests. */
    restBaseUrl: z
      .string()
      .trim()
      .pipe(
        z.url({
          protocol: /^https?$/u,
          error: "Enter the REST API address as a URL, e.g. https://123-ABC-456.mktorest.com",
        }),
      )
      .transform((value) => value.replace(/\/+$/u, "").replace(/\/(rest|identity)$/u, ""))
      .optional(),
  })
  .transform(({ restBaseUrl, ...config }) => ({
    ...config,
    restBaseUrl: restBaseUrl ?? `https://${config.munchkinId}.mktorest.com`,
  }));

export type MarketoConfig = z.output<typeof marketoConfigSchema>;

export const marketoSecretsSchema = z.object({
  clientId: z
    .string({ error: "Enter the Client ID of the LaunchPoint custom service" })
    .trim()
    .min(1, "Enter the Client ID of the LaunchPoint custom service"),
  clientSecret: z
    .string({ error: "Enter the Client Secret of the LaunchPoint custom service" })
    .trim()
    .min(1, "Enter the Client Secret of the LaunchPoint custom service"),
});

export type MarketoSecrets = z.output<typeof marketoSecretsSchema>;

/**
 * Reads Server ID, Munchkin ID and Form ID from a pasted form embed code,
 * `MktoForms2.loadForm("//app-ys12.marketo.com", "123-PQR-789", 1179)`, by position: the
 * docs themselves once swapped these values when reading them by eye.
 */
export function parseMarketoEmbedCode(
  embedCode: string,
): { serverId?: string; munchkinId: string; formId: number } | undefined {
  const match =
    /loadForm\(\s*(?:["']\(\s*)?["']([^"']*)["']\s*,\s*["'](\d{3}-[A-Za-z]{3}-\d{3})["']\s*,\s*(\d+)/u.exec(
      embedCode,
    );
  if (!match) return undefined;
  const [, base = "", munchkinId = "", formId = ""] = match;
  const serverId = /app-([a-z0-9]+)\.marketo\.com/iu.exec(base)?.[1]?.toLowerCase();
  return {
    ...(serverId ? { serverId } : {}),
    munchkinId: munchkinId.toUpperCase(),
    formId: Number(formId),
  };
}
