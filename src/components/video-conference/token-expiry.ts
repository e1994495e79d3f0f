// Whether a join token has expired, read from its claims (base64url JSON before the dot, `exp` in seconds):
// the relay refuses an expired token as it refuses a forged one (`unauthorized`), but the person holding it
// needs to hear something else: to ask for a new link. Read only to choose words; the relay decides.
export function tokenExpired(token: string, now = Date.now()): boolean {
  try {
    const claims = JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' && claims.exp * 1000 <= now;
  } catch {
    return false;
  }
}
