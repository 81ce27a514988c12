import { z } from "zod";
import { defaultOwnerIdSchema, offerIdSchema, offerTitleSchema, offerTypeSchema, publisherIdSchema } from "./offer.schema";

export const createOfferSchema = z.object({
  publisherId: publisherIdSchema,
  offerId: offerIdSchema,
  title: offerTitleSchema,
  type: offerTypeSchema,
  listedAsContactMe: z.boolean().default(false),
  hasTestDrive: z.boolean().default(false),
  /** Gets the offer's new leads when assignment is "by offer"; a member of the tenant. */
  defaultOwnerId: defaultOwnerIdSchema.optional(),
});

export type CreateOfferInput = z.infer<typeof createOfferSchema>;
