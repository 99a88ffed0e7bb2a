import { isIPv4, isIPv6 } from "node:net";

/** A CIDR block over the raw bytes of an address (4 bytes for IPv4, 16 for IPv6). */
interface Block {
  bytes: number[];
  bits: number;
}

const block = (bytes: number[], bits: number): Block => ({ bytes, bits });

/*
 * IANA special-purpose IPv4 registry, minus the few globally reachable anycast entries. Anything in here can reach
 * the service's own network, another tenant's infrastructure or nothing at all, so an outbound call never goes there.
 */
const REFUSED_V4: readonly Block[] = [
  block([0, 0, 0, 0], 8), // "this network", incl. 0.0.0.0
  block([10, 0, 0, 0], 8),
  block([100, 64, 0, 0], 10), // carrier-grade NAT
  block([127, 0, 0, 0], 8),
  block([169, 254, 0, 0], 16), // link-local, incl. the 169.254.169.254 metadata service
  block([172, 16, 0, 0], 12),
  block([192, 0, 0, 0], 24), // IETF protocol assignments
  block([192, 0, 2, 0], 24), // documentation
  block([192, 88, 99, 0], 24), // deprecated 6to4 relay anycast
  block([192, 168, 0, 0], 16),
  block([198, 18, 0, 0], 15), // benchmarking
  block([198, 51, 100, 0], 24), // documentation
  block([203, 0, 113, 0], 24), // documentation
  block([224, 0, 0, 0], 4), // multicast
  block([240, 0, 0, 0], 4), // reserved, incl. broadcast
];

// Only global unicast (2000::/3) can be public; this refuses loopback, unspecified, link-local, unique-local, multicast.
const GLOBAL_UNICAST_V6 = block([0x20], 3);

const REFUSED_V6: readonly Block[] = [
  block([0x20, 0x01, 0x00, 0x00], 23), // IETF protocol assignments: Teredo, benchmarking, ORCHID
  block([0x20, 0x01, 0x0d, 0xb8], 32), // documentation
  block([0x3f, 0xff], 20), // documentation (RFC 9637)
];

/** IPv6 forms that carry an IPv4 address in known bits, which then decides. */
const EMBEDDED_V4: readonly { prefix: Block; offset: number }[] = [
  { prefix: block([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96), offset: 12 }, // IPv4-mapped ::ffff:a.b.c.d
  { prefix: block([0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96), offset: 12 }, // NAT64 well-known prefix
  { prefix: block([0x20, 0x02], 16), offset: 2 }, // 6to4
];

function inBlock(bytes: readonly number[], { bytes: prefix, bits }: Block): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const width = Math.min(8, bits - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    const index = bit / 8;
    if ((bytes[index] & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Bytes(ip: string): number[] {
  return ip.split(".").map(Number);
}

/** Expands a valid IPv6 literal (possibly "::"-compressed, with a dotted IPv4 tail or a zone) to 16 bytes. */
function v6Bytes(ip: string): number[] {
  const address = ip.split("%")[0];
  const dotted = address.match(/(\d+\.\d+\.\d+\.\d+)$/);
  const hexPart = dotted ? address.slice(0, -dotted[1].length) + "0:0" : address;
  const [head, tail] = hexPart.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":").filter(Boolean) : []);
  const headGroups = groups(head);
  const tailGroups = groups(tail);
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const hextets = [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups].map((g) => parseInt(g, 16));
  const bytes = hextets.flatMap((h) => [h >> 8, h & 0xff]);
  if (dotted) bytes.splice(12, 4, ...v4Bytes(dotted[1]));
  return bytes;
}

function isPublicV4(bytes: readonly number[]): boolean {
  return !REFUSED_V4.some((refused) => inBlock(bytes, refused));
}

function isPublicV6(bytes: readonly number[]): boolean {
  for (const { prefix, offset } of EMBEDDED_V4) {
    if (inBlock(bytes, prefix)) return isPublicV4(bytes.slice(offset, offset + 4));
  }
  return inBlock(bytes, GLOBAL_UNICAST_V6) && !REFUSED_V6.some((refused) => inBlock(bytes, refused));
}

/**
 * Whether an outbound call may connect to this address from a multi-tenant service: false for loopback, private,
 * carrier-grade NAT, link-local (cloud metadata), unique-local, multicast, documentation, benchmarking and reserved
 * ranges, for IPv4-mapped / NAT64 / 6to4 IPv6 forms of any of those, and for anything that is not an IP literal.
 */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return isPublicV4(v4Bytes(ip));
  if (isIPv6(ip)) return isPublicV6(v6Bytes(ip));
  return false;
}
