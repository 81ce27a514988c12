import { createTRPCRouter, tenantAdminProcedure, tenantProcedure } from "../../trpc";
import { getAssignmentHandler, updateAssignmentHandler } from "./assignment.handler";
import { updateAssignmentSchema } from "./assignment.schema";
import { assignOwnerHandler, boardHandler, moveLeadHandler } from "./board.handler";
import { assignOwnerSchema, boardSchema, moveLeadSchema } from "./board.schema";
import {
  archiveCriterionHandler,
  createCriterionHandler,
  listCriteriaHandler,
  reorderCriteriaHandler,
  updateCriterionHandler,
} from "./criteria.handler";
import { archiveCriterionSchema, createCriterionSchema, listCriteriaSchema, reorderCriteriaSchema, updateCriterionSchema } from "./criteria.schema";
import { createStageHandler, deleteStageHandler, listStagesHandler, reorderStagesHandler, updateStageHandler } from "./stages.handler";
import { createStageSchema, deleteStageSchema, reorderStagesSchema, updateStageSchema } from "./stages.schema";

/**
 * The tenant's sales process. Every member reads it and moves and assigns leads; owners
 * and admins shape it (stages, checklist, assignment rule).
 */
export const pipelineRouter = createTRPCRouter({
  stages: tenantProcedure.meta({ scope: "followups:read" }).query(listStagesHandler),
  createStage: tenantAdminProcedure.input(createStageSchema).mutation(createStageHandler),
  updateStage: tenantAdminProcedure.input(updateStageSchema).mutation(updateStageHandler),
  reorderStages: tenantAdminProcedure.input(reorderStagesSchema).mutation(reorderStagesHandler),
  deleteStage: tenantAdminProcedure.input(deleteStageSchema).mutation(deleteStageHandler),

  criteria: tenantProcedure.meta({ scope: "followups:read" }).input(listCriteriaSchema).query(listCriteriaHandler),
  createCriterion: tenantAdminProcedure.input(createCriterionSchema).mutation(createCriterionHandler),
  updateCriterion: tenantAdminProcedure.input(updateCriterionSchema).mutation(updateCriterionHandler),
  archiveCriterion: tenantAdminProcedure.input(archiveCriterionSchema).mutation(archiveCriterionHandler),
  reorderCriteria: tenantAdminProcedure.input(reorderCriteriaSchema).mutation(reorderCriteriaHandler),

  assignment: tenantProcedure.meta({ scope: "followups:read" }).query(getAssignmentHandler),
  updateAssignment: tenantAdminProcedure.input(updateAssignmentSchema).mutation(updateAssignmentHandler),

  board: tenantProcedure.meta({ scope: "followups:read" }).input(boardSchema).query(boardHandler),
  moveLead: tenantProcedure.meta({ scope: "leads:write" }).input(moveLeadSchema).mutation(moveLeadHandler),
  assignOwner: tenantProcedure.meta({ scope: "leads:write" }).input(assignOwnerSchema).mutation(assignOwnerHandler),
});
