import { z } from "zod";

const tenantIdSchema = z.string().trim().min(1, "Give a tenant id.").max(64, "That tenant id is too long.");

export const listTenantsSchema = z.object({ search: z.string().trim().max(100, "Search for at most 100 characters.").optional() });
export type ListTenantsInput = z.infer<typeof listTenantsSchema>;
export const setTenantStatusSchema = z.object({ tenantId: z.string().min(1), status: z.enum(["ACTIVE", "SUSPENDED"]) });
export type SetTenantStatusInput = z.infer<typeof setTenantStatusSchema>;
export const tenantDetailSchema = z.object({ tenantId: tenantIdSchema });
export type TenantDetailInput = z.infer<typeof tenantDetailSchema>;

const perMinute = z.number().int().min(1, "At least 1 a minute.").max(100_000, "At most 100,000 a minute.").nullable();
/** null restores the platform default. */
export const updatePlanLimitsSchema = z.object({
  tenantId: tenantIdSchema,
  captureRateLimitPerMinute: perMinute,
  apiRateLimitPerMinute: perMinute,
});
export type UpdatePlanLimitsInput = z.infer<typeof updatePlanLimitsSchema>;
