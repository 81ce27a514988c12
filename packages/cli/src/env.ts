/** Where the web app is reached, for links the CLI prints (invitation links). */
export function publicBaseUrl(): string {
  const authUrl = process.env.AUTH_URL?.trim();
  if (authUrl) {
    try {
      return new URL(authUrl).origin;
    } catch {
      // Not a URL: fall through to the local default.
    }
  }
  return `http://localhost:${process.env.PORT?.trim() || "3000"}`;
}
