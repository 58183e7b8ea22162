/**
 * TLS failures that say why: with --ca, an expired leaf, a leaf for another name and another
 * CA's leaf are refused with the reason (never the first-contact trust question); a --ca file
 * that is missing or not PEM is refused by name; a certificate other than the pinned one warns
 * that it may be an attack before it suggests anything; `pvevm create --insecure` warns.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCreateCommand } from '../../lib/create-command';
import { KnownServers } from '../../lib/known-servers';
import { LoginActions } from '../../lib/login';
import type { RealmsOutcome } from '../../lib/wizard/login-types';
import { defaultConfig } from '../../lib/model/config';
import type { TlsSettings } from '../../lib/settings';
import { CaFileError, readCaFile } from '../../lib/ca-file';
import { ProxmoxClient } from '../../services/client/client';
import { issueCertificate, type Certificate } from '../../services/simulator/certificate';
import { startSimulator, type Simulator } from '../../services/simulator/server';

const DAY = 86400000;
const now = Date.now();
const valid = { notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) };
const rootCa = issueCertificate({ commonName: 'Proxmox Virtual Environment', ca: true, ...valid });
const otherCa = issueCertificate({ commonName: 'Another CA', ca: true, ...valid });

const dir = mkdtempSync(join(tmpdir(), 'pvevm-tls-'));
const caFile = join(dir, 'pve-root-ca.pem');
writeFileSync(caFile, rootCa.certPem);

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function actions(tls: TlsSettings, known = new KnownServers(join(dir, 'known_servers'))) {
  return new LoginActions({
    tls,
    known,
    makeApi: (options) => new ProxmoxClient(options),
    onAuthenticated: () => undefined,
  });
}

async function realmsWith(certificate: Certificate, tls: TlsSettings): Promise<RealmsOutcome> {
  sim = await startSimulator({ authDelayMs: 0, certificate });
  return actions(tls).realms(sim.url);
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('with --ca', () => {
  it('a leaf the CA signed for this address is accepted', async () => {
    const leaf = issueCertificate({ commonName: 'pve1', issuer: rootCa, ...valid });
    expect((await realmsWith(leaf, { ca: caFile })).kind).toBe('ok');
  });

  it.each<[string, () => Certificate, RegExp]>([
    [
      'an expired leaf',
      () =>
        issueCertificate({
          commonName: 'pve1',
          issuer: rootCa,
          notBefore: new Date(now - 400 * DAY),
          notAfter: new Date(now - DAY),
        }),
      /is refused: it expired on \w+ +\d+ [\d:]+ \d{4} GMT\. Nothing was sent/,
    ],
    [
      'a leaf for another name',
      () =>
        issueCertificate({
          commonName: 'pve9',
          issuer: rootCa,
          ips: [[10, 9, 9, 9]],
          dnsNames: ['pve9.other.invalid'],
          ...valid,
        }),
      /is refused: it is for IP Address:10\.9\.9\.9, DNS:pve9\.other\.invalid, not for 127\.0\.0\.1\./,
    ],
    [
      "another CA's leaf",
      () => issueCertificate({ commonName: 'pve1', issuer: otherCa, ...valid }),
      /is refused: it is not signed by the CA in the --ca file \(its issuer: .*CN=Another CA\)/,
    ],
    [
      'a self-signed leaf',
      () => issueCertificate({ commonName: 'pve1', ...valid }),
      /is refused: it is not signed by the CA in the --ca file/,
    ],
  ])('%s: refused with the reason, no trust question, nothing sent', async (_name, make, why) => {
    const outcome = await realmsWith(make(), { ca: caFile });
    expect(outcome.kind).toBe('unreachable');
    expect(flat((outcome as { message: string }).message)).toMatch(why);
    expect(sim!.requests).toEqual([]);
  });

  it('a missing --ca file: refused naming the file, not ENOENT', () => {
    const missing = join(dir, 'nope.pem');
    expect(() => readCaFile(missing)).toThrow(
      new CaFileError(`The CA file ${missing} (--ca) does not exist`),
    );
  });

  it.each([
    ['text', 'hello\n'],
    ['a DER-looking blob', '\x30\x82\x01\x0a garbage'],
    ['a broken PEM block', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
  ])('a --ca file with %s: refused as not PEM', (_name, content) => {
    const path = join(dir, 'bad.pem');
    writeFileSync(path, content);
    expect(() => readCaFile(path)).toThrow(
      /^The CA file .*bad\.pem \(--ca\) (is not in PEM form|has a certificate block that is not a valid certificate)/,
    );
  });

  it('a --ca that is a folder: refused', () => {
    expect(() => readCaFile(dir)).toThrow(`The CA file ${dir} (--ca) is not a file`);
  });
});

describe('a certificate other than the pinned one', () => {
  const leaf = issueCertificate({ commonName: 'pve1', ...valid });
  const other = issueCertificate({ commonName: 'pve1', ...valid }).fingerprint;

  it('given with --fingerprint: "may be an attack" before any suggestion to pin it', async () => {
    const outcome = await realmsWith(leaf, { fingerprint: other });
    const message = flat((outcome as { message: string }).message);
    expect(message).toContain('is not the one given with --fingerprint');
    expect(message).toContain('This may be an attack');
    expect(message.indexOf('may be an attack')).toBeLessThan(
      message.indexOf(`--fingerprint ${leaf.fingerprint}`),
    );
    expect(message).toContain('only if they match');
  });

  it('remembered in known_servers: names the file and the line, after the warning', async () => {
    sim = await startSimulator({ authDelayMs: 0, certificate: leaf });
    const known = new KnownServers(join(mkdtempSync(join(tmpdir(), 'pvevm-k-')), 'known'));
    const hostPort = `127.0.0.1:${sim.port}`;
    known.remember(hostPort, other);
    const outcome = await actions({}, known).realms(sim.url);
    const message = flat((outcome as { message: string }).message);
    expect(message).toContain(`is not the one remembered in ${known.path}`);
    expect(message.indexOf('may be an attack')).toBeLessThan(
      message.indexOf(`remove the line of ${hostPort}`),
    );
    expect(sim.requests).toEqual([]);
  });
});

it('pvevm create --insecure warns on standard error', async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
  const spec = join(dir, 'vm.json');
  writeFileSync(spec, JSON.stringify({ version: 1, general: { name: 'insecure' } }));
  const err = new PassThrough();
  let stderr = '';
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  await runCreateCommand(
    {
      settings: {
        server: sim.url,
        user: 'root',
        realm: 'pam',
        tls: { insecure: true },
        defaults: {},
        demo: false,
        configFile: join(dir, 'config.json'),
        theme: 'auto',
      },
      specPath: spec,
      base: { config: defaultConfig(), explicit: [] },
      dryRun: false,
      password: 'proxmox',
      known: new KnownServers(join(dir, 'known_servers')),
      makeApi: (o) => new ProxmoxClient(o),
      out: new PassThrough(),
      color: false,
    },
    err,
  );
  expect(stderr).toMatch(/^pvevm: warning: INSECURE: certificate not checked \(--insecure\)/);
});
