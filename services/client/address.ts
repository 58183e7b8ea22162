/** Where the API is: `host`, `host:port` or `https://host:port` (port 8006 by default). */
export interface ServerAddress {
  host: string;
  port: number;
  /** `https://host:port` */
  origin: string;
}

export const DEFAULT_PORT = 8006;

/**
 * Read with the WHATWG URL rules — the ones the HTTPS request itself follows — so the address
 * shown is the one connected to. Anything but scheme, host and port is refused by name:
 * `127.0.0.1#@x:9999` would otherwise connect to 127.0.0.1:443 while seeming to name port 9999.
 */
export function parseServer(input: string): ServerAddress {
  const text = input.trim();
  if (text === '') throw new Error('No server given');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^https:\/\//i.test(text)) {
    throw new Error(`Only https is supported (got "${text}")`);
  }
  const withScheme = /^https:\/\//i.test(text) ? text : `https://${text}`;
  const refuse = (what: string) => {
    throw new Error(`"${text}" is not a server address: ${what} (expected host or host:port)`);
  };
  const authority = withScheme.slice('https://'.length);
  if (authority.includes('#')) refuse('it has a "#"');
  if (authority.includes('?')) refuse('it has a "?"');
  if (authority.includes('@')) refuse('it has a "@" (a user name goes in --user)');
  if (/\s/.test(authority)) refuse('it has a space');
  // Host and port as typed: the URL parser drops a port equal to https's own 443.
  const parts = /^(\[[^\]]*\]|[^:/]*)(?::([^/]*))?(\/.*)?$/.exec(authority)!;
  const [, , portText, path] = parts;
  if (path !== undefined && path !== '/') refuse(`it has a path (${path})`);
  if (portText !== undefined && !/^\d{1,5}$/.test(portText)) refuse('no valid port');
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (port < 1 || port > 65535) refuse('no valid port');
  let url: URL;
  try {
    url = new URL(`https://${parts[1]}`);
  } catch {
    return refuse('not a valid host');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const shown = host.includes(':') ? `[${host}]` : host;
  return { host, port, origin: `https://${shown}:${port}` };
}
