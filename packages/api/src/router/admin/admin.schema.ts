import { z } from "zod";

export const listTenantsSchema = z.object({ search: z.string().trim().max(100).optional() });
export type ListTenantsInput = z.infer<typeof listTenantsSchema>;
export const setTenantStatusSchema = z.object({ tenantId: z.string().min(1), status: z.enum(["ACTIVE", "SUSPENDED"]) });
export type SetTenantStatusInput = z.infer<typeof setTenantStatusSchema>;
