// Safety codes: a short number both ends of a peer connection compute from the two DTLS certificate
// fingerprints in their session descriptions. If a third party sat in the middle, each end would have
// negotiated DTLS with it, and the two codes would differ. Read aloud and compared, equal codes show that
// the media and data go straight between the two browsers.

/** The DTLS certificate fingerprint an SDP announces (`a=fingerprint:sha-256 AB:CD:…`), or null. */
export function fingerprintOf(sdp: string): string | null {
  const match = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/m.exec(sdp);
  return match ? `${match[1]!.toLowerCase()} ${match[2]!.toUpperCase()}` : null;
}

/**
 * Thirty digits in six groups, the same at both ends: SHA-256 over both fingerprints in a fixed order. A
 * man in the middle would have to make two certificates whose codes match, at about 2^50 tries, during call
 * set-up.
 */
export async function safetyCode(localSdp: string, remoteSdp: string): Promise<string | null> {
  const fingerprints = [fingerprintOf(localSdp), fingerprintOf(remoteSdp)];
  if (fingerprints.some((fingerprint) => fingerprint === null)) return null;
  const input = new TextEncoder().encode(fingerprints.sort().join('\n'));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  const groups: string[] = [];
  for (let i = 0; i < 6; i++) {
    // 5 bytes (40 bits) per group, reduced to 5 digits: the bias is negligible.
    const value = digest.slice(i * 5, i * 5 + 5).reduce((sum, byte) => sum * 256 + byte, 0);
    groups.push(String(value % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}
