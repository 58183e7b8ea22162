import { defaultConfig, type VmConfig } from '../../lib/model/config';
import { MemoryApi } from '../support/memory-api';
import { createParams } from '../../lib/model/payload';
import {
  describeMissing,
  missingPrivileges,
  neededPaths,
  privilegeNeeds,
  type PermissionAnswers,
} from '../../lib/model/privileges';

function config(edit: (c: VmConfig) => void = () => undefined): VmConfig {
  const c = defaultConfig();
  c.general.node = 'pve1';
  c.general.vmid = '123';
  c.os.iso = 'local:iso/debian.iso';
  c.os.isoStorage = 'local';
  edit(c);
  return c;
}
const needsOf = (c: VmConfig) =>
  privilegeNeeds(c, createParams(c, { haManagedParam: true, allowKsmParam: true }));

describe('what a create needs', () => {
  it('the defaults: the VM’s privileges, each storage, the ISO, the bridge and HA', () => {
    const needs = needsOf(config());
    expect(
      needs.map((n) => [n.section, n.field, n.privileges.join(' '), n.paths.join(' ')]),
    ).toEqual([
      [
        'general',
        'pool',
        'VM.Allocate VM.Config.CPU VM.Config.HWType VM.Config.Memory VM.Config.Network VM.Config.Options',
        '/vms/123',
      ],
      ['os', 'iso', 'Datastore.AllocateSpace Datastore.Audit', '/storage/local'],
      ['system', 'efiStorage', 'Datastore.AllocateSpace', '/storage/ceph-pool'],
      ['disks', '[0].storage', 'Datastore.AllocateSpace', '/storage/ceph-pool'],
      ['network', 'bridge', 'SDN.Use', '/sdn/zones/localnetwork/vmbr9'],
      ['general', 'ha', 'Sys.Console', '/'],
    ]);
    expect(neededPaths(needs)).toEqual([
      '/',
      '/sdn/zones/localnetwork/vmbr9',
      '/storage/ceph-pool',
      '/storage/local',
      '/vms/123',
    ]);
  });

  it('a pool, a VLAN, a start order, a physical CD, a TPM and Start after created', () => {
    const needs = needsOf(
      config((c) => {
        c.general.pool = 'lab';
        c.general.startupOrder = '2';
        c.general.ha = false;
        c.network.vlan = '20';
        c.os.media = 'cdrom';
        c.system.tpm = true;
        c.system.tpmStorage = 'local-lvm';
        c.confirm.startAfterCreate = true;
      }),
    );
    const at = (field: string) => needs.find((n) => n.field === field);
    expect(at('pool')!.paths).toEqual(['/vms/123', '/pool/lab']);
    expect(at('vlan')!.paths).toEqual(['/sdn/zones/localnetwork/vmbr9/20']);
    expect(at('startupOrder')).toMatchObject({ privileges: ['Sys.Modify'], paths: ['/'] });
    expect(at('media')).toMatchObject({
      privileges: ['Sys.Console'],
      what: 'the physical CD/DVD drive',
    });
    expect(at('tpmStorage')!.paths).toEqual(['/storage/local-lvm']);
    expect(at('startAfterCreate')).toMatchObject({
      section: 'confirm',
      privileges: ['VM.PowerMgmt'],
      paths: ['/vms/123', '/pool/lab'],
    });
    expect(at('ha')).toBeUndefined();
  });
});

describe('what is missing', () => {
  const all = (...privileges: string[]) => Object.fromEntries(privileges.map((p) => [p, true]));
  const needs = needsOf(config((c) => (c.general.pool = 'lab')));

  it('nothing when every path holds what is needed there', () => {
    const answers: PermissionAnswers = {
      '/': all('Sys.Console'),
      '/vms/123': {},
      '/pool/lab': all('VM.Allocate', 'VM.Config.CPU', 'VM.Config.HWType', 'VM.Config.Memory'),
      '/storage/local': all('Datastore.Audit'),
      '/storage/ceph-pool': all('Datastore.AllocateSpace'),
      '/sdn/zones/localnetwork/vmbr9': all('SDN.Use'),
    };
    // The pool grants some, the VM's own path the rest.
    answers['/vms/123'] = all('VM.Config.Network', 'VM.Config.Options');
    expect(missingPrivileges(needs, answers)).toEqual([]);
  });

  it('each need narrowed to what it lacks; one of `any` will do; unasked paths are not judged', () => {
    const missing = missingPrivileges(needs, {
      '/': {},
      '/vms/123': all('VM.Config.CPU'),
      '/pool/lab': {},
      '/storage/local': all('Datastore.AllocateSpace'),
      '/sdn/zones/localnetwork/vmbr9': all('SDN.Use'),
    });
    expect(missing.map(describeMissing)).toEqual([
      'VM 123 needs VM.Allocate, VM.Config.HWType, VM.Config.Memory, VM.Config.Network, VM.Config.Options on /vms/123 or /pool/lab',
      'High Availability needs Sys.Console on /',
    ]);
  });
});

describe('the in-memory fake', () => {
  it('answers a path from the nearest path with entries; above it only propagating ones', async () => {
    const api = new MemoryApi();
    api.cluster.permissions = {
      '/': { 'Sys.Console': true },
      '/storage/local': { 'Datastore.Audit': false },
    };
    expect(await api.permissions('/vms/100')).toEqual({ '/vms/100': { 'Sys.Console': true } });
    expect(await api.permissions('/storage/local')).toEqual({
      '/storage/local': { 'Datastore.Audit': false },
    });
    expect(await api.permissions('/storage/local/x')).toEqual({ '/storage/local/x': {} });
    expect(Object.keys(await api.permissions())).toEqual(['/', '/storage/local']);
  });
});
