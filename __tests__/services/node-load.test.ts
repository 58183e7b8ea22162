/**
 * A node's hour of load over real HTTP: `GET /nodes/{node}/rrddata?timeframe=hour`, validated by
 * the simulator against the API schema; the client keeps the numbers and the gaps.
 */
import { ProxmoxError } from '../../services/errors';
import { ROOT_USER } from '../../services/simulator/datasets';
import { simulator, type SimSetup } from '../support/simulator';

const root = { username: ROOT_USER.username, realm: ROOT_USER.realm, password: ROOT_USER.password };

let s: SimSetup;
beforeAll(async () => {
  s = await simulator({ dataset: 'demo' });
});
afterAll(() => s.sim.close());

async function loggedIn() {
  const client = s.client();
  await client.login(root);
  return client;
}

it('asks for the hour and reads a point a minute, the newest minute a gap', async () => {
  const client = await loggedIn();
  const points = await client.nodeLoadHistory('pve1');
  const asked = s.sim.requests.filter((r) => r.endpoint === 'GET /nodes/{node}/rrddata');
  expect(asked.map((r) => [r.path, r.params, r.status])).toEqual([
    ['/nodes/pve1/rrddata?timeframe=hour', { timeframe: 'hour' }, 200],
  ]);
  expect(points).toHaveLength(70);
  expect(points[1]!.time - points[0]!.time).toBe(60);
  const measured = points.slice(0, -1);
  for (const p of measured) {
    expect(p.cpu).toBeGreaterThanOrEqual(0);
    expect(p.cpu).toBeLessThanOrEqual(1);
    expect(p.memtotal).toBeGreaterThan(p.memused!);
  }
  expect(points.at(-1)).toEqual({ time: expect.any(Number) });
  // Deterministic: the same cluster draws the same hour.
  expect(await client.nodeLoadHistory('pve1')).toEqual(points);
});

it('an offline node answers from the RRD cache, its last minutes gaps', async () => {
  const client = await loggedIn();
  const points = await client.nodeLoadHistory('pve3');
  expect(points).toHaveLength(70);
  expect(points.slice(-25).every((p) => p.cpu === undefined)).toBe(true);
  expect(points[0]!.cpu).toEqual(expect.any(Number));
});

it('a node the cluster does not know is a server error', async () => {
  const client = await loggedIn();
  const err = await client.nodeLoadHistory('nope').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ProxmoxError);
  expect((err as ProxmoxError).message).toContain('RRD error');
});
