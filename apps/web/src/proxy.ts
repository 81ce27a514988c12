import { NextResponse, type NextRequest } from "next/server";

/**
 * Tells the signed-in layout which area is being opened: the admin console must
 * stay reachable for staff whose own publisher account is missing or suspended.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-leadrelay-area", "admin");
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/admin", "/admin/:path*"] };
