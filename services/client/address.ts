/** Where the API is: `host`, `host:port` or `https://host:port` (port 8006 by default). */
export interface ServerAddress {
  host: string;
  port: number;
  /** `https://host:port` */
  origin: string;
}

export const DEFAULT_PORT = 8006;

export function parseServer(input: string): ServerAddress {
  const text = input.trim();
  if (text === '') throw new Error('No server given');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^https:\/\//i.test(text)) {
    throw new Error(`Only https is supported (got "${text}")`);
  }
  const m = /^(?:https:\/\/)?(\[[0-9a-f:.]+\]|[^:/\s[\]]+)(?::(\d{1,5}))?\/?$/i.exec(text);
  if (!m)
    throw new Error(
      `"${text}" is not a server address (expected host, host:port or https://host:port)`,
    );
  const port = m[2] ? Number(m[2]) : DEFAULT_PORT;
  if (port < 1 || port > 65535) throw new Error(`"${text}" has no valid port`);
  const host = m[1]!.replace(/^\[(.*)\]$/, '$1');
  const shown = host.includes(':') ? `[${host}]` : host;
  return { host, port, origin: `https://${shown}:${port}` };
}
