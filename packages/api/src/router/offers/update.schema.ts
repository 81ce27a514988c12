import { z } from "zod";
import { defaultOwnerIdSchema, offerIdSchema, offerRecordIdSchema, offerTitleSchema, offerTypeSchema, publisherIdSchema } from "./offer.schema";

/** Only the fields given change. */
export const updateOfferSchema = z.object({
  id: offerRecordIdSchema,
  publisherId: publisherIdSchema.optional(),
  offerId: offerIdSchema.optional(),
  title: offerTitleSchema.optional(),
  type: offerTypeSchema.optional(),
  listedAsContactMe: z.boolean().optional(),
  hasTestDrive: z.boolean().optional(),
  /** A member of the tenant, or null to have none. */
  defaultOwnerId: defaultOwnerIdSchema.optional(),
});

export type UpdateOfferInput = z.infer<typeof updateOfferSchema>;
