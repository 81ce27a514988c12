import { TRPCError } from "@trpc/server";

type Code = ConstructorParameters<typeof TRPCError>[0]["code"];

/**
 * A refusal with a stable machine-readable `reason` (so the UI can translate
 * it) and a clear English message (for API clients).
 */
export class AppError extends TRPCError {
  constructor(
    code: Code,
    public readonly reason: string,
    message: string,
    /** For TOO_MANY_REQUESTS: sent as the Retry-After header. */
    public readonly retryAfterSeconds?: number,
  ) {
    super({ code, message });
  }
}

export const appError = (code: Code, reason: string, message: string) => new AppError(code, reason, message);
