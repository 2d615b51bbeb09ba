// Which X-Forwarded-For hop names the client. Trusting the header whole (Express's `true`) takes
// its left-most value, which the client writes itself: a rotating fake address per attempt
// would buy unlimited login tries. So the operator says how many proxies stand in front of the
// app (hops, counted from the right, each appending the address it saw), or which addresses
// the proxies have; the client's own entries are never believed.
import { isIP } from 'node:net';

/** Express's `trust proxy`: a number of hops, or the proxies' addresses and subnets. */
export type ProxyTrust = number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 10;

function isAddressOrSubnet(text: string): boolean {
  if (NAMED.has(text)) return true;
  const [address = '', bits, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** `--trust-proxy 1`, or `--trust-proxy 10.0.0.5,10.0.1.0/24`; a RangeError says what is wrong. */
export function parseProxyTrust(text: string): ProxyTrust {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > MAX_HOPS) throw new RangeError(`--trust-proxy takes 1 to ${MAX_HOPS} proxy hops, not ${value}`);
    return hops;
  }
  const addresses = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const bad = addresses.filter((part) => !isAddressOrSubnet(part));
  if (addresses.length === 0 || bad.length > 0) {
    throw new RangeError(
      `--trust-proxy takes the number of proxies in front of the app (e.g. 1) or their addresses and subnets (e.g. 10.0.0.5,10.0.1.0/24), not "${bad.join(',') || value}"`,
    );
  }
  return addresses;
}
