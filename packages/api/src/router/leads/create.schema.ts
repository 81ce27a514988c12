import { z } from "zod";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} has at most ${max} characters`)
    .optional()
    .transform((value) => (value ? value : undefined));

/** A lead typed in by hand. Codes are optional; a lead without an action counts as initial interest. */
export const createLeadSchema = z
  .object({
    firstName: optionalText(100, "The first name"),
    lastName: optionalText(100, "The last name"),
    email: z
      .union([z.literal(""), z.email("Enter a valid e-mail address").max(254)])
      .optional()
      .transform((value) => (value ? value : undefined)),
    phone: optionalText(50, "The phone number"),
    country: optionalText(100, "The country"),
    company: optionalText(200, "The company"),
    title: optionalText(100, "The job title"),
    /** One of the tenant's offers. */
    offerId: z.string().trim().min(1).max(64).optional(),
    source: optionalText(200, "The source"),
    action: optionalText(100, "The action"),
    description: optionalText(5000, "The description"),
    /** Lets a form resubmitted by a double click store the lead once. */
    idempotencyKey: z.string().trim().min(1).max(255).optional(),
  })
  .superRefine((lead, context) => {
    if (!lead.firstName && !lead.lastName && !lead.email && !lead.phone && !lead.company) {
      context.addIssue({ code: "custom", path: ["email"], message: "Enter at least a name, an e-mail, a phone number or a company" });
    }
  });

export type CreateLeadInput = z.infer<typeof createLeadSchema>;
