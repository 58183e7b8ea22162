/** The simulator speaks the API the way pveproxy does, checked with raw HTTP requests. */
import http from 'node:http';
import https from 'node:https';
import { makeCertificate } from '../../services/simulator/certificate';
import { ROOT_USER } from '../../services/simulator/datasets';
import { decodeForm } from '../../services/simulator/wire';
import { validateParams, type EndpointSchema } from '../../services/simulator/validate';
import apiSchema from '../../services/simulator/api-schema.json';
import { ProxmoxError } from '../../services/errors';
import { simulator, type SimSetup } from '../support/simulator';

let s: SimSetup;
beforeAll(async () => {
  s = await simulator();
});
afterAll(() => s.sim.close());

interface Raw {
  status: number;
  reason: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; plain?: boolean } = {},
): Promise<Raw> {
  const lib = options.plain ? http : https;
  const url = `${options.plain ? 'http' : 'https'}://127.0.0.1:${s.sim.port}${path}`;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method, headers: options.headers, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            reason: res.statusMessage ?? '',
            headers: res.headers,
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

async function ticket(): Promise<{ cookie: string; csrf: string }> {
  const res = await raw('POST', '/api2/json/access/ticket', {
    body: `username=${ROOT_USER.username}&realm=${ROOT_USER.realm}&password=${ROOT_USER.password}`,
  });
  const data = (JSON.parse(res.body) as { data: { ticket: string; CSRFPreventionToken: string } })
    .data;
  return {
    cookie: `PVEAuthCookie=${encodeURIComponent(data.ticket)}`,
    csrf: data.CSRFPreventionToken,
  };
}

describe('transport', () => {
  it('answers plain HTTP with a redirect to https (301 for GET, 308 otherwise)', async () => {
    const get = await raw('GET', '/api2/json/version', { plain: true });
    expect(get.status).toBe(301);
    expect(get.headers.location).toBe(`https://127.0.0.1:${s.sim.port}/api2/json/version`);
    expect(
      (await raw('POST', '/api2/json/access/ticket', { plain: true, body: 'x=1' })).status,
    ).toBe(308);
  });

  it('501 for unknown paths and formats (there is no 404)', async () => {
    const unknown = await raw('GET', '/api2/json/nodes/pve1/nothing');
    expect([unknown.status, unknown.reason]).toEqual([
      501,
      "Method 'GET /nodes/pve1/nothing' not implemented",
    ]);
    expect((await raw('GET', '/api2/xml/version')).status).toBe(501);
  });

  it('501 for a body on GET (trap 3)', async () => {
    const res = await raw('GET', '/api2/json/access/domains', {
      body: 'a=1',
      headers: { 'Content-Length': '3' },
    });
    expect([res.status, res.reason]).toEqual([501, "Unexpected content for method 'GET'"]);
  });

  it('the auth layer answers 401 with an empty body and the reason in the status line', async () => {
    const none = await raw('GET', '/api2/json/nodes');
    expect([none.status, none.reason, none.body, none.headers['content-type']]).toEqual([
      401,
      'No ticket',
      '',
      undefined,
    ]);
    const bad = await raw('GET', '/api2/json/nodes', {
      headers: { Cookie: 'PVEAuthCookie=PVE:root@pam:66B2C3D4::forged' },
    });
    expect([bad.status, bad.reason]).toEqual([401, 'Authentication failed!']);
    const { cookie } = await ticket();
    const noCsrf = await raw('PUT', '/api2/json/nodes/pve1/qemu/100/config', {
      headers: { Cookie: cookie },
      body: 'description=x',
    });
    expect([noCsrf.status, noCsrf.reason, noCsrf.body]).toEqual([
      401,
      'Permission denied - invalid csrf token',
      '',
    ]);
  });

  it('a failed login is 401 authentication failure with {"data":null} (8.3)', async () => {
    const res = await raw('POST', '/api2/json/access/ticket', {
      body: 'username=root&realm=pam&password=x',
    });
    expect([res.status, res.reason, res.body]).toEqual([
      401,
      'authentication failure',
      '{"data":null}',
    ]);
  });

  it('tickets look like PVE:<user>:<HEXTIME>::<sig>; realm with user@realm fails (trap 8)', async () => {
    const ok = await raw('POST', '/api2/json/access/ticket', {
      body: 'username=root&realm=pam&password=proxmox',
    });
    expect((JSON.parse(ok.body) as { data: { ticket: string } }).data.ticket).toMatch(
      /^PVE:root@pam:[0-9A-F]{8}::\S+$/,
    );
    const doubled = await raw('POST', '/api2/json/access/ticket', {
      body: 'username=root@pam&realm=pam&password=proxmox',
    });
    expect(doubled.status).toBe(401);
  });

  it('decodes form bodies splitting on & and ; with + as a space (trap 1)', () => {
    expect(decodeForm('boot=order=scsi0;ide2&tags=a+b')).toEqual({
      boot: 'order=scsi0',
      ide2: '',
      tags: 'a b',
    });
    expect(decodeForm('boot=order%3Dscsi0%3Bide2&cpu=host%2Cflags%3D%2Baes')).toEqual({
      boot: 'order=scsi0;ide2',
      cpu: 'host,flags=+aes',
    });
  });

  it('answers the envelope with the PVE headers; nextid is a string (trap 15)', async () => {
    const { cookie } = await ticket();
    const res = await raw('GET', '/api2/json/cluster/nextid', { headers: { Cookie: cookie } });
    expect(res.body).toBe('{"data":"103"}');
    expect(res.headers.server).toBe('pve-api-daemon/3.0');
    expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
  });

  it('adds the configured latency to every answer and records when each was received and answered', async () => {
    const { cookie } = await ticket();
    s.sim.options.latencyMs = 40;
    try {
      const from = s.sim.requests.length;
      await raw('GET', '/api2/json/cluster/nextid', { headers: { Cookie: cookie } });
      const record = s.sim.requests[from]!;
      expect(record.answeredMs! - record.receivedMs).toBeGreaterThanOrEqual(39);
    } finally {
      s.sim.options.latencyMs = 0;
    }
  });
});

describe('schema validation with the real messages', () => {
  const create = (apiSchema as unknown as Record<string, Record<string, EndpointSchema>>)['8.3']![
    'POST /nodes/{node}/qemu'
  ]!;
  const check = (params: Record<string, string>) =>
    validateParams(create, { node: 'pve1', ...params });

  it('accepts what the Proxmox UI sends for a typical Linux VM', () => {
    expect(
      check({
        vmid: '100',
        name: 'nixos',
        ostype: 'l26',
        ide2: 'local:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso,media=cdrom',
        scsihw: 'virtio-scsi-single',
        scsi0: 'local-lvm:32,iothread=on',
        sockets: '1',
        cores: '2',
        cpu: 'x86-64-v2-AES',
        numa: '0',
        memory: '2048',
        net0: 'virtio,bridge=vmbr0,firewall=1',
        tags: 'a;b',
        startup: 'order=2,up=30,down=60',
        efidisk0: 'local-lvm:1,efitype=4m,pre-enrolled-keys=1',
        tpmstate0: 'local-lvm:1,version=v2.0',
        vga: 'serial0',
        serial0: 'socket',
        machine: 'q35',
        agent: '1',
      }),
    ).toEqual({});
  });

  it.each([
    [
      { vmid: '100', foo: '1' },
      'foo',
      'property is not defined in schema and the schema does not allow additional properties',
    ],
    [{}, 'vmid', 'property is missing and it is not optional'],
    [{ vmid: '100', cores: 'abc' }, 'cores', "type check ('integer') failed - got 'abc'"],
    [{ vmid: '100', onboot: 'true' }, 'onboot', "type check ('boolean') failed - got 'true'"],
    [
      { vmid: '100', ostype: 'linux' },
      'ostype',
      "value 'linux' does not have a value in the enumeration 'other, wxp, w2k, w2k3, w2k8, wvista, win7, win8, win10, win11, l24, l26, solaris'",
    ],
    [
      { vmid: '100', name: 'my_vm' },
      'name',
      'invalid format - value does not look like a valid DNS name',
    ],
    [{ vmid: '100', serial0: 'tcp' }, 'serial0', 'value does not match the regex pattern'],
    [
      { vmid: '100', machine: 'i440fx' },
      'machine',
      'invalid format - format error\nmachine.type: value does not match the regex pattern',
    ],
    [
      { vmid: '100', net0: 'virtio,bridge=vm br0' },
      'net0',
      "invalid format - format error\nnet0.bridge: invalid format - invalid bridge ID 'vm br0'",
    ],
    [
      { vmid: '100', virtio0: 'ceph-pool:32,ssd=1' },
      'virtio0',
      'invalid format - format error\nvirtio0.ssd: property is not defined in schema and the schema does not allow additional properties',
    ],
    [
      { vmid: '100', ide0: 'ceph-pool:32,iothread=1' },
      'ide0',
      'invalid format - format error\nide0.iothread: property is not defined in schema and the schema does not allow additional properties',
    ],
    [
      { vmid: '100', scsi31: 'ceph-pool:32' },
      'scsi31',
      'property is not defined in schema and the schema does not allow additional properties',
    ],
    [
      { vmid: '100', 'ha-managed': '1' },
      'ha-managed',
      'property is not defined in schema and the schema does not allow additional properties',
    ],
  ])('%j → %s: %s', (params, field, message) => {
    expect(check(params as Record<string, string>)[field]).toBe(message);
  });

  it('GET /pools with type needs poolid (trap 22)', () => {
    const pools = (apiSchema as unknown as Record<string, Record<string, EndpointSchema>>)['8.3']![
      'GET /pools'
    ]!;
    expect(validateParams(pools, { type: 'qemu' })).toEqual({
      poolid: "missing property required by 'type'",
    });
    expect(validateParams(pools, { type: 'qemu', poolid: 'prod' })).toEqual({});
  });

  it('joins several errors for one parameter with a literal \\n', () => {
    expect(check({ vmid: '99' }).vmid).toBe(
      'value must have a minimum value of 100\\ninvalid format - value does not look like a valid VM ID',
    );
  });

  it('refuses an ISO without media=cdrom, a CD-ROM on VirtIO and a storage without images (trap 17)', async () => {
    const client = s.client();
    await client.login({ username: 'root', realm: 'pam', password: 'proxmox' });
    const fail = (params: Record<string, string | number>): Promise<ProxmoxError> =>
      client.createVm('pve1', { vmid: 190, ...params }).then(
        () => {
          throw new Error('expected a refusal');
        },
        (e: unknown) => e as ProxmoxError,
      );
    expect((await fail({ ide2: 'cephfs:iso/x.iso' })).errors).toEqual({
      ide2: "explicit 'media=cdrom' is required for iso images",
    });
    expect((await fail({ virtio1: 'cephfs:iso/x.iso,media=cdrom' })).errors.virtio1).toMatch(
      /unable to parse drive options/,
    );
    expect((await fail({ scsi0: 'local:32' })).errors).toEqual({
      storage: "storage 'local' does not support vm images",
    });
    expect(s.sim.state.vms.has(190)).toBe(false);
  });
});

describe('certificate', () => {
  it.each([
    [
      'a zero first byte (once made "illegal padding" now and then)',
      [0x00, 0x01, 2, 3, 4, 5, 6, 7],
    ],
    ['a first byte with the top bit set', [0x80, 0, 0, 0, 0, 0, 0, 0]],
  ])('is valid DER whatever the random serial: %s', (_case, bytes) => {
    const cert = makeCertificate('pve1.test', new Date(), Buffer.from(bytes));
    expect(cert.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});
