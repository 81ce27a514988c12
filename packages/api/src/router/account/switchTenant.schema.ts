import { z } from "zod";

export const switchTenantSchema = z.object({ tenantId: z.string().min(1) });
export type SwitchTenantInput = z.infer<typeof switchTenantSchema>;

export const createTenantSchema = z.object({
  name: z.string().trim().min(2, "Enter the company's name (at least 2 characters).").max(100),
});
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

export const setLocaleSchema = z.object({ locale: z.enum(["en", "ru"]) });
export type SetLocaleInput = z.infer<typeof setLocaleSchema>;
