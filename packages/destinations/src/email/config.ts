import { z } from "zod";

const MAX_RECIPIENTS = 20;

export const emailConfigSchema = z.object({
  /** A list, or one string separated by semicolons (or commas) as Partner Center's Contact email field was. */
  recipients: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(/[;,]/u)
            .map((address) => address.trim())
            .filter((address) => address !== "")
        : value,
    z
      .array(
        z
          .string()
          .trim()
          .pipe(
            z.email({ error: (issue) => `"${String(issue.input)}" is not a valid e-mail address` }),
          ),
        {
          error: "Enter one or more e-mail addresses, separated by semicolons",
        },
      )
      .min(1, "Enter at least one e-mail address")
      .max(MAX_RECIPIENTS, `Enter at most ${MAX_RECIPIENTS} e-mail addresses`),
  ),
  /** Names, e-mail, phone and notes in the message; off by default (lead details do not travel by e-mail). */
  includePersonalData: z.boolean().default(false),
});

export type EmailConfig = z.output<typeof emailConfigSchema>;

/** The SMTP server is the operator's (SMTP_URL), not the tenant's: nothing secret here. */
export const emailSecretsSchema = z.object({});

export type EmailSecrets = z.output<typeof emailSecretsSchema>;
