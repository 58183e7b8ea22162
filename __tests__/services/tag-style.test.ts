/**
 * The cluster's tag colours over real HTTP: the simulator keeps datacenter.cfg's `tag-style`
 * as a property string, checked against the API's own format as the server checks a write,
 * and answers it as an object; the client reads tags and colours from that one answer.
 */
import { DATASETS, dataset } from '../../services/simulator/datasets';
import { tagStyleAnswer, tagStyleProblem } from '../../services/simulator/tag-style';
import { ROOT_USER } from '../../services/simulator/datasets';
import { simulator, type SimSetup } from '../support/simulator';

let s: SimSetup;
beforeAll(async () => {
  s = await simulator();
});
afterAll(() => s.sim.close());

const root = { username: ROOT_USER.username, realm: ROOT_USER.realm, password: ROOT_USER.password };

it('one /cluster/options request gives the tags and the colour map', async () => {
  const client = s.client();
  await client.login(root);
  s.sim.requests.length = 0;
  const { tags, colors } = await client.tags();
  expect(tags).toEqual(['db', 'k8s', 'nixos', 'prod', 'web']);
  expect(Object.fromEntries(colors)).toEqual({
    prod: { bg: [0xc6, 0x28, 0x28], fg: [255, 255, 255] },
    db: { bg: [0x15, 0x65, 0xc0] },
    web: { bg: [0x2e, 0x7d, 0x32], fg: [255, 255, 255] },
    k8s: { bg: [0xff, 0xd5, 0x4f] },
  });
  expect(s.sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /cluster/options']);
});

it('a cluster without tag-style: no colours, no error', async () => {
  const bare = await simulator({ dataset: 'empty' });
  try {
    const client = bare.client();
    await client.login(root);
    expect(await client.tags()).toEqual({ tags: [], colors: new Map() });
  } finally {
    await bare.sim.close();
  }
});

describe("the simulator's tag-style", () => {
  it('is checked with the schema (PUT /cluster/options) on 8.3 and 9.1', () => {
    for (const version of ['8.3', '9.1'] as const) {
      expect(tagStyleProblem('color-map=prod:c62828:ffffff;db:1565c0', version)).toBeUndefined();
      expect(
        tagStyleProblem('shape=full,ordering=config,case-sensitive=1', version),
      ).toBeUndefined();
      expect(tagStyleProblem('color-map=PROD:C62828', version)).toBeUndefined();
      expect(tagStyleProblem('color-map=prod:c6282', version)).toMatch(
        /tag-style.color-map: value does not match the regex pattern/,
      );
      expect(tagStyleProblem('color-map=prod:#c62828', version)).toMatch(/regex pattern/);
      expect(tagStyleProblem('color-map=-x:c62828', version)).toMatch(/regex pattern/);
      expect(tagStyleProblem('shape=square', version)).toMatch(/enumeration/);
    }
  });

  it('every dataset holds a tag-style a real cluster could (the demo has one)', () => {
    for (const name of DATASETS) {
      const style = dataset(name).tagStyle;
      if (style !== undefined) expect(tagStyleProblem(style, '8.3')).toBeUndefined();
    }
    expect(dataset('demo').tagStyle).toMatch(/color-map=/);
  });

  it('is answered as an object, booleans as 0/1 (trap 21)', () => {
    expect(tagStyleAnswer('shape=full,case-sensitive=1,color-map=a:000000', '8.3')).toEqual({
      shape: 'full',
      'case-sensitive': 1,
      'color-map': 'a:000000',
    });
  });
});
