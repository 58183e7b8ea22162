/**
 * Part 13 rows 6 and 12: a marker secret through every error path of the settings and the
 * command line never reaches a message; prototype-named profiles, presets and spec keys are
 * refused; `--server` is read with the WHATWG URL rules and refused when odd.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../../bin/args';
import { applySpec } from '../../lib/model/spec';
import { defaultConfig } from '../../lib/model/config';
import { resolveSettings, type Flags } from '../../lib/settings';
import { parseServer } from '../../services/client/address';

const MARKER = 'S3CRET-MARKER-7f3a';

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pvevm-hard-')), 'config.json');
  writeFileSync(path, text);
  chmodSync(path, 0o600);
  return path;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return `${(err as Error).message}\n${(err as Error).stack ?? ''}`;
  }
  throw new Error('expected a failure');
}

describe('a secret is never in an error message (row 6)', () => {
  const cases: [string, Flags, Record<string, string>][] = [
    ['--token with the secret after =', { token: `root@pam!ci=${MARKER}` }, {}],
    ['PVEVM_TOKEN with the secret after =', {}, { PVEVM_TOKEN: `root@pam!ci=${MARKER}` }],
    ['--token with the secret after a space', { token: `root@pam!ci ${MARKER}` }, {}],
    ['--token that is only the secret', { token: MARKER }, {}],
  ];
  it.each(cases)('%s', (_, flags, env) => {
    const text = messageOf(() =>
      resolveSettings({ config: configFile('{}'), ...flags }, { ...env }),
    );
    expect(text).toMatch(/--token must look like user@realm!tokenid/);
    expect(text).not.toContain(MARKER);
  });

  const files: [string, string][] = [
    ['tokenSecret a number', `{"tokenSecret": 12345${MARKER.length}}`],
    ['tokenSecret an object', `{"tokenSecret": {"s": "${MARKER}"}}`],
    ['tokenSecret a list', `{"tokenSecret": ["${MARKER}"]}`],
    ['tokenSecret in a profile, wrong type', `{"profiles": {"a": {"tokenSecret": ["${MARKER}"]}}}`],
    ['token holding the secret', `{"token": "root@pam!ci=${MARKER}"}`],
    ['token of the wrong type', `{"token": ["${MARKER}"]}`],
    ['a JSON syntax error after the secret', `{"tokenSecret": "${MARKER}" "x": 1}`],
    ['a JSON syntax error inside the secret', `{"tokenSecret": "${MARKER}\u0001"}`],
    ['an unterminated secret', `{"tokenSecret": "${MARKER}`],
  ];
  it.each(files)('config file: %s', (_, text) => {
    const path = configFile(text);
    const message = messageOf(() => resolveSettings({ config: path }, {}));
    expect(message).toContain(path);
    expect(message).not.toContain(MARKER);
  });

  it('a JSON syntax error names the line and column, not the text', () => {
    const path = configFile(`{\n  "tokenSecret": "${MARKER}" "x": 1\n}`);
    expect(messageOf(() => resolveSettings({ config: path }, {}))).toContain(
      `Config file ${path} is not valid JSON (line 2, column ${18 + MARKER.length + 3})`,
    );
  });

  it('a secret-looking unknown option on the command line is not echoed', () => {
    const command = parseCommandLine([`--token-secret=${MARKER}`]);
    expect(command.kind).toBe('usage-error');
    expect(JSON.stringify(command)).not.toContain(MARKER);
  });
});

describe('prototype names are refused (row 12)', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '%s names no profile and no preset',
    (name) => {
      const path = configFile('{"profiles": {"lab": {}}, "presets": {"small": {}}}');
      expect(messageOf(() => resolveSettings({ config: path, profile: name }, {}))).toContain(
        `Unknown profile "${name}"; profiles in config file ${path}: lab`,
      );
      expect(messageOf(() => resolveSettings({ config: path, preset: name }, {}))).toContain(
        `Unknown preset "${name}"; presets in config file ${path}: small`,
      );
    },
  );

  it('a profile or preset named like a prototype property in the file is refused', () => {
    for (const text of [
      '{"profiles": {"constructor": {}}}',
      '{"profiles": {"__proto__": {"server": "evil"}}}',
      '{"presets": {"__proto__": {}}}',
      '{"presets": {"toString": {}}}',
    ]) {
      expect(messageOf(() => resolveSettings({ config: configFile(text) }, {}))).toMatch(
        /is not allowed as a name/,
      );
    }
  });

  it('spec keys named like prototype properties are refused, not followed', () => {
    for (const spec of [
      JSON.parse('{"__proto__": {"memory": 1}}') as Record<string, unknown>,
      { constructor: { name: 'x' } },
      { general: JSON.parse('{"__proto__": {"name": "x"}}') as Record<string, unknown> },
      { general: { constructor: 'x' } },
    ]) {
      expect(messageOf(() => applySpec(defaultConfig(), spec))).toMatch(/unknown/);
    }
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});

describe('--server with the WHATWG URL rules (row 12)', () => {
  it.each([
    ['pve.example.com', 'https://pve.example.com:8006'],
    ['PVE.Example.com:443', 'https://pve.example.com:443'],
    ['https://10.0.0.5:8006/', 'https://10.0.0.5:8006'],
    ['[::1]:8006', 'https://[::1]:8006'],
    ['https://[::1]', 'https://[::1]:8006'],
    ['  pve:8006  ', 'https://pve:8006'],
  ])('%s → %s', (input, origin) => {
    expect(parseServer(input).origin).toBe(origin);
  });

  it.each([
    ['127.0.0.1#@x:9999', /"#"/],
    ['127.0.0.1:8006#frag', /"#"/],
    ['user@pve:8006', /"@"/],
    ['https://user:pw@pve:8006', /"@"/],
    ['pve:8006/api2/json', /path/],
    ['pve/path', /path/],
    ['pve:8006?x=1', /"\?"/],
    ['pve:99999', /port/],
    ['pve:0', /port/],
    ['pve:80a', /port/],
    ['pve:', /port/],
    ['http://pve:8006', /Only https/],
    ['ftp://pve', /Only https/],
    ['pve 1', /not a server address/],
    ['', /No server given/],
  ])('%s is refused', (input, problem) => {
    expect(() => parseServer(input)).toThrow(problem);
  });
});
