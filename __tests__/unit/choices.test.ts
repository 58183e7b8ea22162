/**
 * Explicit choices (a spec's or preset's node, storages, ISO, bridge) are kept when the server
 * lacks them and reported at their fields; only values left open get defaults.
 */
import { initialAnswers } from '../../lib/initial-config';
import { stepLoaders } from '../../lib/loaders';
import { explicitChoices, isOffered, unavailableChoices } from '../../lib/model/choices';
import { defaultConfig, type VmConfig } from '../../lib/model/config';
import { applySpec } from '../../lib/model/spec';
import { takenVmid, takenVmidMessage } from '../../lib/model/vmid-taken';
import { initialState, serverIssues, transition, type WizardState } from '../../lib/wizard/machine';
import { FORM_STEPS, type FormStep } from '../../lib/wizard/steps';
import { MemoryApi } from '../support/memory-api';

describe('explicitChoices', () => {
  it('names the choice fields a spec sets, disks by index', () => {
    expect(
      explicitChoices({
        version: 1,
        general: { node: 'pve1', name: 'x' },
        os: { iso: 'cephfs:iso/a.iso' },
        system: { tpmStorage: 'local-lvm' },
        disks: [{ size: 8 }, { storage: 'ceph-pool' }],
        network: { bridge: 'vmbr0', vlan: 5 },
      }).sort(),
    ).toEqual(
      ['disks[1].storage', 'general.node', 'network.bridge', 'os.iso', 'system.tpmStorage'].sort(),
    );
    expect(explicitChoices({ version: 1, general: { vmid: 120 } })).toEqual(['general.vmid']);
    expect(explicitChoices({ version: 1, cpu: { cores: 2 } })).toEqual([]);
  });

  it("a spec's disks replace the preset's disk storages; its other choices join the preset's", () => {
    const preset = explicitChoices({ disks: [{ storage: 'local-lvm' }], network: { bridge: 'b' } });
    expect(preset).toEqual(['network.bridge', 'disks[0].storage']);
    expect(explicitChoices({ version: 1, disks: [{ size: 4 }] }, preset)).toEqual([
      'network.bridge',
    ]);
    expect(explicitChoices({ version: 1, general: { node: 'pve2' } }, preset)).toEqual([
      ...preset,
      'general.node',
    ]);
  });

  it('site defaults are defaults; a preset’s choices are explicit', () => {
    const answers = initialAnswers({
      defaults: { diskStorage: 'local-lvm', bridge: 'vmbr0', node: 'pve2' },
      preset: { name: 'p', spec: { os: { isoStorage: 'local' } } },
    });
    expect(answers.explicit).toEqual(['os.isoStorage']);
    expect(answers.config.disks[0]!.storage).toBe('local-lvm');
  });
});

describe('unavailableChoices', () => {
  const config = (): VmConfig =>
    applySpec(defaultConfig(), {
      version: 1,
      general: { node: 'pve1' },
      disks: [{ storage: 'local-lvmm' }],
      network: { bridge: 'vmbr7' },
    });

  it('names the field, the value and what the node has', () => {
    expect(
      unavailableChoices(config(), {
        disks: { node: 'pve1', imageStorages: ['local-lvm', 'ceph-pool'] },
        network: { node: 'pve1', bridges: ['vmbr0', 'vmbr9'] },
        system: { node: 'pve1', imageStorages: ['local-lvm', 'ceph-pool'] },
      }),
    ).toEqual([
      {
        section: 'disks',
        field: '[0].storage',
        message:
          "storage 'local-lvmm' does not exist on node pve1 (available: local-lvm, ceph-pool)",
      },
      {
        section: 'network',
        field: 'bridge',
        message: "bridge 'vmbr7' does not exist on node pve1 (available: vmbr0, vmbr9)",
      },
    ]);
  });

  it('says nothing before the server’s lists are there, and nothing of fields not in use', () => {
    expect(unavailableChoices(config(), {})).toEqual([]);
    const none = { ...config(), network: { ...config().network, noNetwork: true } };
    expect(unavailableChoices(none, { network: { node: 'pve1', bridges: [] } })).toEqual([]);
  });

  it('a node missing from the cluster, or offline', () => {
    const nodes = { nodes: { all: ['pve1', 'pve2', 'pve3'], online: ['pve1', 'pve2'] } };
    const on = (node: string) =>
      unavailableChoices(
        { ...config(), general: { ...config().general, node } },
        {
          general: nodes,
        },
      ).map((i) => i.message);
    expect(on('pve9')).toEqual([
      "node 'pve9' does not exist in this cluster (available: pve1, pve2)",
    ]);
    expect(on('pve3')).toEqual(["node 'pve3' is not online (online: pve1, pve2)"]);
    expect(on('pve1')).toEqual([]);
  });
});

describe('takenVmid', () => {
  it('recognises the refusal of a VM ID another client took, with its node', () => {
    const taken = takenVmid("unable to create VM 123 - VM 123 already exists on node 'pve2'");
    expect(taken).toEqual({ vmid: 123, node: 'pve2' });
    expect(takenVmidMessage(taken!)).toBe(
      'VM ID 123 was taken by another client (it is a VM on pve2 now): nothing was created',
    );
    expect(takenVmid("storage 'x' does not exist")).toBeUndefined();
  });
});

/** Every form step's loader in order against the in-memory cluster, as `pvevm create` runs them. */
async function complete(api: MemoryApi, data: unknown): Promise<WizardState> {
  const answers = { config: applySpec(defaultConfig(), data), explicit: explicitChoices(data) };
  const loaders = stepLoaders(() => api, {});
  let state: WizardState = {
    ...initialState(answers.config, answers.explicit),
    authenticated: true,
    step: 'general',
  };
  for (const step of FORM_STEPS.filter((s): s is FormStep => s !== 'confirm')) {
    const event = await loaders[step](state);
    state = { ...state, views: { ...state.views, [step]: { status: 'loading' } } };
    state = transition(state, event).state;
  }
  return state;
}

describe('loaders', () => {
  it('keep explicit storages, ISO and bridge the node lacks, and report each at its field', async () => {
    const state = await complete(new MemoryApi(), {
      version: 1,
      os: { isoStorage: 'nfs-iso', iso: 'nfs-iso:iso/debian.iso' },
      system: { efiStorage: 'local-lvmm' },
      disks: [{ storage: 'local-lvmm' }, { size: 8 }],
      network: { bridge: 'vmbr7' },
    });
    const c = state.config;
    expect([c.os.isoStorage, c.os.iso, c.system.efiStorage, c.network.bridge]).toEqual([
      'nfs-iso',
      'nfs-iso:iso/debian.iso',
      'local-lvmm',
      'vmbr7',
    ]);
    // The second disk left its storage open: the default, which exists.
    expect(c.disks.map((d) => d.storage)).toEqual(['local-lvmm', 'ceph-pool']);
    expect(serverIssues(state).map((i) => `${i.section}:${i.field}`)).toEqual([
      'os:isoStorage',
      'system:efiStorage',
      'disks:[0].storage',
      'network:bridge',
    ]);
  });

  it('fill what was left open with defaults, even over a default the node lacks', async () => {
    const api = new MemoryApi();
    api.cluster.bridges.pve1 = [{ iface: 'vmbr0', type: 'bridge', active: true }];
    const state = await complete(api, { version: 1, general: { name: 'a' } });
    expect(state.config.network.bridge).toBe('vmbr0');
    expect(state.config.os.iso).toMatch(/^cephfs:iso\/nixos-minimal/);
    expect(state.config.general).toMatchObject({ node: 'pve1', vmid: '101' });
    expect(serverIssues(state)).toEqual([]);
  });

  it('an explicit ISO names its storage when the spec does not', async () => {
    const state = await complete(new MemoryApi(), {
      version: 1,
      os: { iso: 'local:iso/missing.iso' },
    });
    expect(state.config.os).toMatchObject({ isoStorage: 'local', iso: 'local:iso/missing.iso' });
    expect(serverIssues(state)).toEqual([
      {
        section: 'os',
        field: 'iso',
        message: "ISO image 'local:iso/missing.iso' does not exist on storage local on node pve1",
      },
    ]);
  });

  it('keeps an explicit offline node (the general step reports it)', async () => {
    const api = new MemoryApi();
    const loaders = stepLoaders(() => api, {});
    const config = applySpec(defaultConfig(), { version: 1, general: { node: 'pve2' } });
    let state: WizardState = {
      ...initialState(config, ['general.node']),
      authenticated: true,
      step: 'general',
      views: { general: { status: 'loading' } },
    };
    state = transition(state, await loaders.general(state)).state;
    expect(state.config.general.node).toBe('pve2');
    expect(serverIssues(state)[0]?.message).toBe("node 'pve2' is not online (online: pve1)");
    // The same node left open is replaced by an online one.
    state = {
      ...initialState(config),
      authenticated: true,
      step: 'general',
      views: { general: { status: 'loading' } },
    };
    state = transition(state, await loaders.general(state)).state;
    expect(state.config.general.node).toBe('pve1');
  });
});

describe('isOffered', () => {
  it('scans a list once per value asked, not on every change', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `local:iso/image-${i}.iso`);
    const includes = jest.spyOn(names, 'includes');
    for (let i = 0; i < 5; i++) expect(isOffered(names, 'local:iso/image-99999.iso')).toBe(true);
    expect(includes).toHaveBeenCalledTimes(1);
    expect(isOffered(names, 'local:iso/image-100000.iso')).toBe(false);
    expect(isOffered(names, 'local:iso/image-100000.iso')).toBe(false);
    expect(includes).toHaveBeenCalledTimes(2);
    // A new list is a new question.
    expect(isOffered([...names], 'local:iso/image-0.iso')).toBe(true);
  });

  it('answers as includes does', () => {
    expect(isOffered(['a', 'b'], 'b')).toBe(true);
    expect(isOffered(['a', 'b'], 'c')).toBe(false);
  });
});
