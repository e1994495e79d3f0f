// Which hops in front of the relay are its own reverse proxies (TRUST_PROXY), so that X-Forwarded-For names
// the real client for the per-address limit: none, the nearest N (only when the relay is reachable through
// them alone), or those at the listed addresses and CIDRs. "Every hop" is not an option: the leftmost entry
// of X-Forwarded-For is whatever the client wrote.
import proxyAddr from '@fastify/proxy-addr';

/** false: no proxy; a number: that many hops; a list: proxies' addresses, CIDRs, or `loopback`, `uniquelocal`... */
export type TrustProxy = false | number | string[];

/** proxy-addr's form, which Fastify takes: is the address `hop` steps from the relay one of its proxies? */
export type TrustFunction = (address: string, hop: number) => boolean;

export function trustFunction(trust: TrustProxy): TrustFunction {
  if (trust === false) return () => false;
  // Fastify 5 takes a bare number for "trust nothing" (it cannot check the nearest hop): say what we mean.
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust);
}
