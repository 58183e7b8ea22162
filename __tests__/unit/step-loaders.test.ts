/**
 * The step loaders share what two steps ask the server alike: System and Disks both list the
 * node's storages for VM images, and one request serves both (Part 16: it was sent twice).
 */
import { stepLoaders } from '../../lib/loaders';
import { defaultConfig } from '../../lib/model/config';
import { initialState, type WizardState } from '../../lib/wizard/machine';
import { MemoryApi } from '../support/memory-api';

function on(node: string): WizardState {
  const config = defaultConfig();
  config.general.node = node;
  return { ...initialState(config, []), authenticated: true, step: 'system' };
}

const imageLists = (api: MemoryApi) =>
  api.calls.filter((c) => c.op === 'storages' && c.args[1] === 'images').map((c) => c.args[0]);

it('System and Disks of one node send one storage request, not two', async () => {
  const api = new MemoryApi();
  const loaders = stepLoaders(() => api, {});
  const [system, disks] = await Promise.all([
    loaders.system(on('pve1')),
    loaders.disks(on('pve1')),
  ]);
  expect(system).toMatchObject({ type: 'loaded', step: 'system' });
  expect(disks).toMatchObject({ type: 'loaded', step: 'disks' });
  expect(imageLists(api)).toEqual(['pve1']);
});

it('the answer serves the other step once: a retry, or another node, asks again', async () => {
  const api = new MemoryApi();
  const loaders = stepLoaders(() => api, {});
  await loaders.system(on('pve1'));
  // System again (a retry) does not take its own earlier answer.
  await loaders.system(on('pve1'));
  expect(imageLists(api)).toEqual(['pve1', 'pve1']);
  await loaders.disks(on('pve1'));
  await loaders.disks(on('pve1'));
  await loaders.disks(on('pve2'));
  expect(imageLists(api)).toEqual(['pve1', 'pve1', 'pve1', 'pve2']);
});

it('a failed request is not shared: the other step asks again', async () => {
  const api = new MemoryApi();
  const loaders = stepLoaders(() => api, {});
  api.fail('storages', new Error('down') as never);
  await expect(loaders.system(on('pve1'))).rejects.toThrow('down');
  api.recover('storages');
  await expect(loaders.disks(on('pve1'))).resolves.toMatchObject({ type: 'loaded' });
  expect(imageLists(api)).toEqual(['pve1', 'pve1']);
});
