import { z } from "zod";
import { offerIdSchema, offerRecordIdSchema, offerTitleSchema, offerTypeSchema, publisherIdSchema } from "./offer.schema";

/** Only the fields given change. */
export const updateOfferSchema = z.object({
  id: offerRecordIdSchema,
  publisherId: publisherIdSchema.optional(),
  offerId: offerIdSchema.optional(),
  title: offerTitleSchema.optional(),
  type: offerTypeSchema.optional(),
  listedAsContactMe: z.boolean().optional(),
  hasTestDrive: z.boolean().optional(),
});

export type UpdateOfferInput = z.infer<typeof updateOfferSchema>;
