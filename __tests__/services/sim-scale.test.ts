/** The simulator's scale options for `npm run bench`: the large dataset's sizes, and answers told. */
import https from 'node:https';
import { dataset } from '../../services/simulator/datasets';
import { startSimulator, type RequestRecord } from '../../services/simulator/server';

describe('the large dataset, sized', () => {
  it('keeps its own sizes and names by default', () => {
    const state = dataset('large');
    expect([state.nodes.length, state.isos.length, state.pools.length, state.tags.length]).toEqual([
      100, 10000, 500, 2000,
    ]);
    expect(state.vms.size).toBe(5000);
    expect(state.nodes[0]!.node).toBe('node001');
    expect(state.isos[12]!.file).toBe('image-00012.iso');
    expect(state.pools.at(-1)!.poolid).toBe('pool-499');
  });

  it('grows each list to the size asked, names widening with the count', () => {
    const state = dataset('large', '8.3', { nodes: 3000, isos: 100001, tags: 12, vms: 7 });
    expect(state.nodes.map((n) => n.node).slice(-1)).toEqual(['node3000']);
    expect(state.nodes[0]!.node).toBe('node0001');
    expect(state.isos).toHaveLength(100001);
    expect(state.isos.at(-2)!.file).toBe('image-099999.iso');
    expect(state.tags).toHaveLength(12);
    expect(state.tags[0]).toBe('tag-0000');
    expect(state.vms.size).toBe(7);
    // Every ISO name is distinct, so the list really is that long.
    expect(new Set(state.isos.map((i) => i.file)).size).toBe(100001);
  });
});

describe('answers told as they are sent', () => {
  it('calls onAnswer with each request record, its answer time set', async () => {
    const told: RequestRecord[] = [];
    const sim = await startSimulator({ onAnswer: (record) => told.push({ ...record }) });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        https
          .get(`${sim.url}/api2/json/nodes`, { rejectUnauthorized: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', reject);
      });
      expect(status).toBe(401);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ method: 'GET', path: '/nodes', status: 401 });
      expect(told[0]!.answeredMs).toBeGreaterThanOrEqual(told[0]!.receivedMs);
    } finally {
      await sim.close();
    }
  });
});
