import { getDb } from "@leadrelay/db";
import { handleCaptureOtherMethod, handleCapturePost } from "../../../../lib/capture/handle-capture";

// Prisma and node:crypto need Node; every request is a write, never cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface RouteContext {
  params: Promise<{ token: string }>;
}

export async function POST(request: Request, context: RouteContext): Promise<Response> {
  return handleCapturePost(request, (await context.params).token, { db: getDb() });
}

async function otherMethod(request: Request, context: RouteContext): Promise<Response> {
  return handleCaptureOtherMethod(request, (await context.params).token, { db: getDb() });
}

export { otherMethod as DELETE, otherMethod as GET, otherMethod as HEAD, otherMethod as OPTIONS, otherMethod as PATCH, otherMethod as PUT };
