/**
 * Several network devices (net0…netN): the pure edits, the create parameters (golden, checked
 * against the simulator's schema of 8.3 and 9.1), the schema's paths, specs in both forms,
 * explicit bridges, the server's errors and the bridge privileges per device.
 */
import { explicitChoices, unavailableChoices } from '../../lib/model/choices';
import { MAX_NICS, type VmConfig } from '../../lib/model/config';
import { issuesFromServer } from '../../lib/model/param-fields';
import {
  addNic,
  nicList,
  nicOfPath,
  nicPrefix,
  removeNic,
  updateNic,
  usedNics,
} from '../../lib/model/nics';
import { createParams, networkParams } from '../../lib/model/payload';
import { privilegeNeeds } from '../../lib/model/privileges';
import { validateSection } from '../../lib/model/schemas';
import { applySpec, specFromConfig, SpecError } from '../../lib/model/spec';
import { checkSpec } from '../../lib/model/spec-check';
import { summary } from '../../lib/model/summary';
import apiSchema from '../../services/simulator/api-schema.json';
import { validateParams, type EndpointSchema } from '../../services/simulator/validate';
import { validConfig } from '../support/configs';

const schemas = apiSchema as unknown as Record<string, Record<string, EndpointSchema>>;

/** The defaults with a second device: e1000 on vmbr1, VLAN 20, no firewall, a MAC. */
function twoNics(): VmConfig {
  let c = addNic(validConfig());
  c = updateNic(c, 1, {
    bridge: 'vmbr1',
    model: 'e1000',
    vlan: '20',
    firewall: false,
    mac: 'bc:24:11:00:00:02',
  });
  return c;
}

describe('the edits', () => {
  it('Add copies net0’s bridge and model, with the firewall on (NetworkEdit.js checks it)', () => {
    const base = updateNic(validConfig(), 0, { model: 'e1000', vlan: '5', mtu: '', rate: '9' });
    const c = addNic(base);
    expect(nicList(c.network)).toHaveLength(2);
    expect(c.network.extraNics[0]).toEqual({
      bridge: 'vmbr9',
      vlan: '',
      model: 'e1000',
      mac: '',
      firewall: true,
      disconnected: false,
      mtu: '',
      rate: '',
      queues: '',
    });
  });

  it('net0…net31 at most (qemu-server’s $MAX_NETS = 32)', () => {
    let c = validConfig();
    for (let i = 0; i < 40; i++) c = addNic(c);
    expect(nicList(c.network)).toHaveLength(MAX_NICS);
    expect(Object.keys(networkParams(c.network)).at(-1)).toBe('net31');
  });

  it('Remove moves the later devices up; removing the only one means no network device', () => {
    let c = addNic(twoNics());
    c = updateNic(c, 2, { bridge: 'vmbr2' });
    c = removeNic(c, 0);
    expect(nicList(c.network).map((n) => n.bridge)).toEqual(['vmbr1', 'vmbr2']);
    expect(c.network.model).toBe('e1000');
    c = removeNic(removeNic(c, 1), 0);
    expect(c.network.noNetwork).toBe(true);
    expect(usedNics(c.network)).toEqual([]);
    // Add brings net0 back as it was.
    c = addNic(c);
    expect(c.network.noNetwork).toBe(false);
    expect(nicList(c.network).map((n) => n.bridge)).toEqual(['vmbr1']);
  });

  it('paths: net0 is the section’s own fields, net1 is extraNics[0]', () => {
    expect(nicPrefix(0)).toBe('');
    expect(nicPrefix(2)).toBe('extraNics[1].');
    expect(nicOfPath('extraNics[1].vlan')).toEqual({ position: 2, field: 'vlan' });
    expect(nicOfPath('mtu')).toEqual({ position: 0, field: 'mtu' });
  });
});

describe('create parameters (golden)', () => {
  it('two devices: net0 and net1 as the web UI prints them', () => {
    expect(networkParams(twoNics().network)).toEqual({
      net0: 'virtio,bridge=vmbr9,firewall=1',
      net1: 'e1000=BC:24:11:00:00:02,bridge=vmbr1,tag=20',
    });
    const none = updateNic(twoNics(), 0, {});
    none.network.noNetwork = true;
    expect(networkParams(none.network)).toEqual({});
  });

  it.each(['8.3', '9.1'] as const)('PVE %s accepts the two devices', (version) => {
    const on91 = version === '9.1';
    const params = createParams(twoNics(), { haManagedParam: on91, allowKsmParam: on91 });
    const strings = Object.fromEntries(
      Object.entries({ node: 'pve1', ...params }).map(([k, v]) => [k, String(v)]),
    );
    expect(validateParams(schemas[version]!['POST /nodes/{node}/qemu']!, strings)).toEqual({});
  });

  it('the summary lists each device by its name', () => {
    const rows = summary(twoNics()).find((s) => s.title === 'Network')!.rows;
    expect(rows.map((r) => r[0])).toEqual(['net0', 'MAC', 'Firewall', 'net1', 'MAC', 'Firewall']);
    expect(rows[3]![1]).toBe('Intel E1000 on vmbr1, VLAN 20');
  });
});

describe('checks', () => {
  it('a bad value of net1 is named at its path', () => {
    const c = updateNic(twoNics(), 1, { mtu: '9000', vlan: '5000' });
    expect(validateSection(c, 'network').map((i) => i.field)).toEqual([
      'extraNics[0].vlan',
      'extraNics[0].mtu',
    ]);
    c.network.noNetwork = true;
    expect(validateSection(c, 'network')).toEqual([]);
  });

  it('a bridge of net1 the node lacks is an issue at that device’s bridge', () => {
    const issues = unavailableChoices(twoNics(), { network: { node: 'pve1', bridges: ['vmbr9'] } });
    expect(issues).toEqual([
      {
        section: 'network',
        field: 'extraNics[0].bridge',
        message: "bridge 'vmbr1' does not exist on node pve1 (available: vmbr9)",
      },
    ]);
  });

  it('a server error about net1 points at net1', () => {
    expect(issuesFromServer({ net1: 'bad bridge' }, twoNics())).toEqual([
      { section: 'network', field: 'extraNics[0].bridge', message: 'net1: bad bridge' },
    ]);
  });

  it('SDN.Use on every device’s bridge (qemu-server check_bridge_access), once per bridge', () => {
    let c = addNic(twoNics());
    c = updateNic(c, 2, { bridge: 'vmbr1', vlan: '20' });
    const needs = privilegeNeeds(
      c,
      createParams(c, { haManagedParam: true, allowKsmParam: true }),
    ).filter((n) => n.privileges.includes('SDN.Use'));
    expect(needs.map((n) => [n.paths[0], n.field])).toEqual([
      ['/sdn/zones/localnetwork/vmbr9', 'bridge'],
      ['/sdn/zones/localnetwork/vmbr1/20', 'extraNics[0].vlan'],
    ]);
  });
});

describe('specs', () => {
  it('are written with the devices as a list, and read back the same', () => {
    const c = twoNics();
    const spec = specFromConfig(c);
    expect(spec.network).toEqual([
      expect.objectContaining({ bridge: 'vmbr9' }),
      expect.objectContaining({ bridge: 'vmbr1', model: 'e1000', vlan: 20 }),
    ]);
    // net0's model only followed the OS type (os-defaults): it follows again when read.
    expect((spec.network as object[])[0]).not.toHaveProperty('model');
    expect(applySpec(validConfig(), spec).network).toEqual(c.network);
    const none = { ...c, network: { ...c.network, noNetwork: true } };
    expect(specFromConfig(none).network).toEqual([]);
    expect(applySpec(validConfig(), specFromConfig(none)).network.noNetwork).toBe(true);
  });

  it('the older form, one object, is still read', () => {
    const c = applySpec(validConfig(), { version: 1, network: { vlan: 7, firewall: false } });
    expect(networkParams(c.network)).toEqual({ net0: 'virtio,bridge=vmbr9,tag=7' });
    expect(applySpec(validConfig(), { version: 1, network: { noNetwork: true } }).network).toEqual(
      expect.objectContaining({ noNetwork: true }),
    );
  });

  it('shape problems name the device', () => {
    expect(() =>
      applySpec(validConfig(), { version: 1, network: [{ vlan: true }, { colour: 'red' }, 3] }),
    ).toThrow(
      new SpecError([
        'network[0].vlan: must be a number',
        'network[1].colour: unknown key',
        'network[2]: must be an object',
      ]),
    );
    expect(() => applySpec(validConfig(), { version: 1, network: { extraNics: [] } })).toThrow(
      'network.extraNics: unknown key',
    );
  });

  it('value problems name the device as the spec does', () => {
    const spec = { version: 1, network: [{}, { model: 'rtl8139', mtu: 1500 }] };
    const checked = checkSpec({ config: validConfig(), explicit: [] }, spec, 'all');
    expect(checked.problems).toEqual([
      'network[1].mtu: MTU can only be set for VirtIO network devices',
    ]);
  });

  it('bridges a list names are explicit; a list replaces the preset’s', () => {
    const before = ['network.extraNics[3].bridge', 'general.node'];
    expect(
      explicitChoices({ version: 1, network: [{ bridge: 'vmbr0' }, {}, { bridge: 'b2' }] }, before),
    ).toEqual(['general.node', 'network.bridge', 'network.extraNics[1].bridge']);
  });
});
