import { emailSchema, passwordMessages, passwordProblems } from "@leadrelay/auth/password-policy";
import { z } from "zod";

export const SUPPORTED_LOCALES = ["en", "ru"] as const;

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(100),
    email: emailSchema,
    password: z.string(),
    companyName: z.string().trim().min(2, "Enter your company's name (at least 2 characters).").max(100),
    locale: z.enum(SUPPORTED_LOCALES).optional(),
  })
  .superRefine((value, ctx) => {
    for (const problem of passwordProblems(value.password, value.email)) {
      ctx.addIssue({ code: "custom", path: ["password"], message: passwordMessages[problem] });
    }
  });
export type SignUpInput = z.infer<typeof signUpSchema>;
