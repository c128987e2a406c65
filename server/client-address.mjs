import net from 'node:net';

/**
 * Which address a request comes from, for the sign-in lock-out and the audit log.
 *
 * `X-Forwarded-For` is written by whoever sends the request, so it is believed only as far as
 * the operator says proxies stand in front of the console (`TRUSTED_PROXIES`):
 * - unset or empty: no proxy; the connection's own address is the client;
 * - a whole number n: n proxies in front, each appending the address it received from; the
 *   client is the n-th address from the right of [...X-Forwarded-For, connection address];
 * - a comma-separated list of addresses or CIDR blocks: every address in them is a proxy; the
 *   client is the right-most address of that chain that is not one of them.
 */

/** @param {string | undefined} raw */
export function parseTrustedProxies(raw) {
  const text = (raw ?? '').trim();
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count > 20) throw new Error('TRUSTED_PROXIES: at most 20 proxies in front of the console');
    return { kind: 'count', count };
  }
  const list = new net.BlockList();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address);
    if (!family || extra !== undefined) throw new Error(`TRUSTED_PROXIES: "${entry}" is neither a number of proxies nor an address or CIDR block`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix >= 0 && prefix <= (family === 6 ? 128 : 32))) throw new Error(`TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
    list.addSubnet(address, prefix, type);
  }
  return { kind: 'list', list };
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything that is not an address → null. */
export function normaliseAddress(raw) {
  if (typeof raw !== 'string') return null;
  let text = raw.trim();
  if (text.startsWith('[') && text.includes(']')) text = text.slice(1, text.indexOf(']'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1];
  return net.isIP(text) ? text.toLowerCase() : null;
}

function contains(list, address) {
  return list.check(address, net.isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * @param {string | undefined} socketAddress the connection's peer
 * @param {string | string[] | undefined} forwardedFor every X-Forwarded-For header sent
 * @param {ReturnType<typeof parseTrustedProxies>} trusted
 * @returns {string}
 */
export function clientAddressOf(socketAddress, forwardedFor, trusted) {
  const peer = normaliseAddress(socketAddress) ?? 'unknown';
  if (trusted.kind === 'none') return peer;
  const headers = Array.isArray(forwardedFor) ? forwardedFor : forwardedFor ? [forwardedFor] : [];
  const forwarded = headers.flatMap((h) => h.split(',')).map((a) => a.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  if (trusted.kind === 'count') {
    // A chain shorter than promised means a proxy did not append: take its left end, never beyond.
    const entry = chain[Math.max(0, chain.length - 1 - trusted.count)];
    return normaliseAddress(entry) ?? 'unknown';
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normaliseAddress(chain[i]);
    if (!address) return 'unknown';
    if (!contains(trusted.list, address)) return address;
  }
  return normaliseAddress(chain[0]) ?? 'unknown';
}
