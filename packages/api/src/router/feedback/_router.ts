import { createTRPCRouter, tenantProcedure } from "../../trpc";
import {
  feedbackFormOptionsHandler,
  getFeedbackHandler,
  listFeedbackHandler,
  replyToFeedbackHandler,
  submitFeedbackHandler,
} from "./feedback.handler";
import { getFeedbackSchema, replyToFeedbackSchema, submitFeedbackSchema } from "./feedback.schema";

/** Publishers' feedback to the platform team (staff answer it in admin.feedback). */
export const feedbackRouter = createTRPCRouter({
  submit: tenantProcedure.meta({ scope: "feedback:write" }).input(submitFeedbackSchema).mutation(submitFeedbackHandler),
  list: tenantProcedure.meta({ scope: "feedback:read" }).query(listFeedbackHandler),
  get: tenantProcedure.meta({ scope: "feedback:read" }).input(getFeedbackSchema).query(getFeedbackHandler),
  reply: tenantProcedure.meta({ scope: "feedback:write" }).input(replyToFeedbackSchema).mutation(replyToFeedbackHandler),
  formOptions: tenantProcedure.query(feedbackFormOptionsHandler),
});
