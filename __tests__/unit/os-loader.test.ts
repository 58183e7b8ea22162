/**
 * The OS step's loader asks the node's architecture (`/nodes/{node}/status`
 * `current-kernel.machine`): an aarch64 node gets the aarch64 ISO and defaults (pve-manager
 * Architecture.js, OSDefaults.js `aarch64`); an unknown one is x86_64, as the web UI takes it.
 */
import { stepLoaders } from '../../lib/loaders';
import { defaultConfig } from '../../lib/model/config';
import { ISO_SLICE } from '../../lib/loaders/os';
import { LatestIso } from '../../lib/model/iso-choice';
import { initialState, transition, type WizardState } from '../../lib/wizard/machine';
import { ProxmoxError } from '../../services/errors';
import { MemoryApi } from '../support/memory-api';

const scanOf = LatestIso.prototype.scan;

const ARM_ISO = 'cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-aarch64-linux.iso';

async function loadOs(api: MemoryApi): Promise<WizardState> {
  const config = defaultConfig();
  config.general.node = 'pve1';
  let state: WizardState = {
    ...initialState(config, []),
    authenticated: true,
    step: 'os',
    views: { os: { status: 'loading' } },
  };
  state = transition(state, await stepLoaders(() => api, {}).os(state)).state;
  return state;
}

function withArmIso(): MemoryApi {
  const api = new MemoryApi();
  api.cluster.isos.cephfs!.push({ volid: ARM_ISO, size: 1024 ** 3 });
  return api;
}

it('an aarch64 node: its ISO, the aarch64 defaults', async () => {
  const api = withArmIso();
  api.cluster.archs = { pve1: 'aarch64' };
  const { config } = await loadOs(api);
  expect(config.os).toMatchObject({ arch: 'aarch64', iso: ARM_ISO });
  expect(config.system).toMatchObject({ machine: 'default', bios: 'ovmf' });
  expect(api.calls.map((c) => c.op)).toContain('nodeArch');
});

it('an x86_64 node keeps the x86_64 ISO and defaults', async () => {
  const { config } = await loadOs(withArmIso());
  expect(config.os.arch).toBe('x86_64');
  expect(config.os.iso).toMatch(/x86_64-linux\.iso$/);
  expect(config.system.machine).toBe('q35');
});

it('an architecture the server does not tell is x86_64; the step still loads', async () => {
  const api = withArmIso();
  api.fail('nodeArch', new ProxmoxError({ kind: 'permission', status: 403, message: 'no' }));
  const state = await loadOs(api);
  expect(state.views.os?.status).toBe('ready');
  expect(state.config.os.arch).toBe('x86_64');
});

describe('round trips', () => {
  const flush = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  it("asks for the storage list and the chosen storage's ISO list at once", async () => {
    const api = new MemoryApi();
    const release = api.hold('storages');
    const loading = loadOs(api);
    await flush();
    // The ISO list is on its way before the storage list has answered.
    expect(api.calls.map((c) => [c.op, ...c.args])).toContainEqual(['isoImages', 'pve1', 'cephfs']);
    release();
    const state = await loading;
    expect(state.views.os?.status).toBe('ready');
    expect(state.data.os?.storage).toBe('cephfs');
    expect(state.config.os.iso).toMatch(/x86_64-linux\.iso$/);
    // One ISO list, not two.
    expect(api.calls.filter((c) => c.op === 'isoImages')).toHaveLength(1);
  });

  it('a node without the chosen storage: the ISO list of the one it has, asked once it is known', async () => {
    const api = new MemoryApi();
    api.cluster.storages.pve1 = api.cluster.storages.pve1!.filter(
      (s) => s.storage !== 'cephfs' && s.content.includes('iso'),
    );
    const other = api.cluster.storages.pve1[0]!.storage;
    api.cluster.isos[other] = [{ volid: `${other}:iso/other-x86_64-linux.iso`, size: 1 }];
    const state = await loadOs(api);
    expect(state.data.os?.storage).toBe(other);
    expect(state.data.os?.isos.map((i) => i.volid)).toEqual([
      `${other}:iso/other-x86_64-linux.iso`,
    ]);
    expect(api.calls.filter((c) => c.op === 'isoImages').map((c) => c.args[1])).toEqual([
      'cephfs',
      other,
    ]);
  });

  it("a failing guess's ISO list is not what the step shows", async () => {
    const api = new MemoryApi();
    api.cluster.storages.pve1 = api.cluster.storages.pve1!.filter((s) => s.storage !== 'cephfs');
    const other = api.cluster.storages.pve1.find((s) => s.content.includes('iso'))!.storage;
    api.cluster.isos[other] = [{ volid: `${other}:iso/other-x86_64-linux.iso`, size: 1 }];
    api.fail(
      'isoImages',
      new ProxmoxError({ kind: 'server', status: 500, message: 'no such storage' }),
    );
    const release = api.hold('storages');
    const loading = loadOs(api);
    await flush();
    api.recover('isoImages');
    release();
    const state = await loading;
    expect(state.views.os?.status).toBe('ready');
    expect(state.data.os?.storage).toBe(other);
  });
});

it('a long ISO list: the default is chosen in slices, each on its own turn, once per list', async () => {
  const api = new MemoryApi();
  const many = ISO_SLICE * 2 + 5;
  const latest = 'cephfs:iso/nixos-minimal-30.05.1.abc-x86_64-linux.iso';
  api.cluster.isos.cephfs = Array.from({ length: many }, (_, i) => ({
    volid: i === ISO_SLICE + 3 ? latest : `cephfs:iso/image-${i}.iso`,
    size: 1,
  }));
  const turns: number[] = [];
  let turn = 0;
  // Counts turns of the event loop while the loader runs.
  const counter = (): void => {
    turn++;
    if (turn < 1_000) setImmediate(counter);
  };
  setImmediate(counter);
  const scans = jest.spyOn(LatestIso.prototype, 'scan').mockImplementation(function (
    this: LatestIso,
    ...args
  ) {
    turns.push(turn);
    return scanOf.call(this, ...args);
  });
  const state = await loadOs(api);
  expect(scans.mock.calls.map(([, from, to]) => [from, to])).toEqual([
    [0, ISO_SLICE],
    [ISO_SLICE, ISO_SLICE * 2],
    [ISO_SLICE * 2, many],
  ]);
  // Each slice on a later turn of the event loop than the one before.
  expect(new Set(turns).size).toBe(3);
  expect(state.config.os.iso).toBe(latest);
  scans.mockRestore();
});
