/**
 * Secrets the server generated when a destination was created (a webhook signing secret):
 * handed from the "add destination" page to the destination's page in browser memory only,
 * so they are shown once and gone on the next reload.
 */
const pending = new Map<string, Record<string, string>>();

export function rememberGeneratedSecrets(destinationId: string, secrets: Record<string, string>) {
  if (Object.keys(secrets).length > 0) pending.set(destinationId, secrets);
}

export function peekGeneratedSecrets(destinationId: string): Record<string, string> | null {
  return pending.get(destinationId) ?? null;
}

export function forgetGeneratedSecrets(destinationId: string) {
  pending.delete(destinationId);
}
