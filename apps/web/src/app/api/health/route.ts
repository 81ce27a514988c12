import { getDb } from "@leadrelay/db";

export const dynamic = "force-dynamic";

/** For load balancers: 200 when the database answers, 503 when it does not. */
export async function GET() {
  const started = Date.now();
  try {
    await getDb().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: { status: "ok", latencyMs: Date.now() - started } });
  } catch {
    return Response.json({ status: "degraded", database: { status: "unreachable" } }, { status: 503 });
  }
}
