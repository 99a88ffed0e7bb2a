import { isIPv4, isIPv6 } from "node:net";

/** Rules a host name alone can trigger. */
export type HostRule = "internal-host" | "private-ip" | "object-store-url";

/**
 * Names that resolve only inside a network: RFC 6762/8375/6761 names, the `.internal` TLD (ICANN 2024), the
 * unofficial corporate `.corp`, `.lan`, `.intranet`, `.intra`, `.localdomain` and `.private`, Kubernetes services
 * (`*.svc`, `*.svc.cluster.local`) and Consul (`*.consul`, `*.service.consul`).
 */
const INTERNAL_SUFFIXES = [
  ...["internal", "corp", "lan", "intranet", "intra", "localdomain", "private", "home.arpa", "home"],
  ...["local", "localhost", "svc", "consul"],
];
const OBJECT_STORE_HOST = new RegExp(
  `(?:^|\\.)(?:${[
    // Alphanumeric runs between single separators: `[a-z0-9-]+` here would backtrack exponentially on `s3-a-a-a-...`.
    "s3(?:[.-][a-z0-9]+)*\\.amazonaws\\.com(?:\\.cn)?",
    "(?:blob|dfs|file)\\.core\\.windows\\.net",
    "storage\\.googleapis\\.com",
    "storage\\.cloud\\.google\\.com",
    "r2\\.cloudflarestorage\\.com",
    "digitaloceanspaces\\.com",
  ].join("|")})$`,
);

/**
 * What a host found inside a URL reveals: a private or loopback address, an internal name (`localhost`,
 * `*.internal`, `*.local`, `*.corp`, `*.lan`, `*.intranet`, `*.home.arpa`, or a single label such as `http://wiki/`),
 * or an object-store endpoint. Public hosts return undefined. Accepts IPv6 with or without brackets.
 */
export function classifyUrlHost(hostname: string): HostRule | undefined {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (isIPv4(host) || isIPv6(host)) return isPrivateAddress(host) ? "private-ip" : undefined;
  if (!host.includes(".") && host.length > 0) return "internal-host";
  return classifyName(host);
}

/**
 * What a host name written outside any URL reveals. Stricter than {@link classifyUrlHost}: names that are also words
 * or file names count only with a port (`localhost:8080`): `localhost`, `*.local` (`.env.local`), `*.home`,
 * `*.private` (`id_rsa.private`), and `*.svc` of two labels (`Service1.svc` is an IIS file; `redis.default.svc` is a
 * Kubernetes service). `*.cluster.local` needs none. Single labels never count.
 */
export function classifyBareHost(hostname: string, hasPort: boolean): HostRule | undefined {
  const host = hostname.toLowerCase();
  const rule = classifyName(host);
  const needsPort =
    host === "localhost" ||
    (hasSuffix(host, "local") && !hasSuffix(host, "cluster.local")) ||
    ["localhost", "home", "private"].some((suffix) => hasSuffix(host, suffix)) ||
    (hasSuffix(host, "svc") && host.split(".").length < 3);
  return rule === "internal-host" && needsPort && !hasPort ? undefined : rule;
}

const classifyName = (host: string): HostRule | undefined => {
  if (host === "localhost" || INTERNAL_SUFFIXES.some((suffix) => hasSuffix(host, suffix))) return "internal-host";
  if (OBJECT_STORE_HOST.test(host)) return "object-store-url";
  return undefined;
};

const hasSuffix = (host: string, suffix: string): boolean => host.endsWith(`.${suffix}`);

/**
 * Whether an IP address is not publicly routable: IPv4 0/8 ("this network": `0.0.0.0` reaches the host itself), 10/8,
 * 172.16/12, 192.168/16 (RFC 1918), 127/8 (loopback), 169.254/16 (link-local, cloud metadata), 100.64/10
 * (carrier-grade NAT); IPv6 ::1 and ::, fc00::/7 (unique local),
 * fe80::/10 (link-local), and IPv4-mapped forms of the IPv4 ranges. Anything that is not an address is false.
 */
export function isPrivateAddress(address: string): boolean {
  if (isIPv4(address)) return isPrivateIPv4(address.split(".").map(Number));
  if (!isIPv6(address)) return false;
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(lower);
  if (mapped) {
    if (mapped[1]) return isPrivateAddress(mapped[1]);
    const high = parseInt(mapped[2], 16);
    const low = parseInt(mapped[3], 16);
    return isPrivateIPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  if (lower === "::1" || lower === "::") return true;
  const first = parseInt(lower.split(":")[0] || "0", 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

const isPrivateIPv4 = ([a, b]: number[]): boolean =>
  a === 0 ||
  a === 10 ||
  a === 127 ||
  (a === 172 && b >= 16 && b <= 31) ||
  (a === 192 && b === 168) ||
  (a === 169 && b === 254) ||
  (a === 100 && b >= 64 && b <= 127);
