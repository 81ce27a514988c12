import { z } from "zod";

export const renameTenantSchema = z.object({ name: z.string().trim().min(2, "Enter at least 2 characters.").max(100) });
export type RenameTenantInput = z.infer<typeof renameTenantSchema>;
