/* eslint-disable @typescript-eslint/no-require-imports -- modules required inside jest.isolateModules, to see when they load */
/**
 * What pvevm leaves out of its start (the time itself is `npm run bench`'s): the step screens
 * are loaded when first needed or when the login is sent, the step schemas when first used.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppLogin } from '../../lib/tui/app-types';
import type { StepsDeps } from '../../lib/tui/wire-steps';

function deps(): StepsDeps {
  const login = {
    settings: { defaults: {}, tls: {}, demo: false, theme: 'auto', configFile: '/none' },
  } as unknown as AppLogin;
  return {
    login,
    session: () => {
      throw new Error('Not logged in');
    },
    state: () => {
      throw new Error('no state');
    },
    dispatch: () => {},
  };
}

describe('the step screens, loaded lazily', () => {
  it('loads wire-steps only when prepared, once', () => {
    let loads = 0;
    jest.isolateModules(() => {
      jest.doMock('../../lib/tui/wire-steps', () => {
        loads++;
        return jest.requireActual('../../lib/tui/wire-steps');
      });
      const { lazySteps } =
        require('../../lib/tui/lazy-steps') as typeof import('../../lib/tui/lazy-steps');
      const contrib = require('../../widgets/contrib') as typeof import('../../widgets/contrib');
      const steps = lazySteps(deps());
      expect(loads).toBe(0);
      expect(steps.loaded).toBe(false);
      expect(contrib.contribLoaded()).toBe(false);
      steps.prepare();
      steps.prepare();
      expect(loads).toBe(1);
      expect(steps.loaded).toBe(true);
      // The steps' pictures (blessed-contrib) are loaded with them, while the login is answered.
      expect(contrib.contribLoaded()).toBe(true);
    });
  });

  it('offers a screen and a loader for exactly the steps wire-steps wires', () => {
    const { lazySteps } = jest.requireActual(
      '../../lib/tui/lazy-steps',
    ) as typeof import('../../lib/tui/lazy-steps');
    const { wireSteps } = jest.requireActual(
      '../../lib/tui/wire-steps',
    ) as typeof import('../../lib/tui/wire-steps');
    const real = wireSteps(deps());
    const lazy = lazySteps(deps());
    expect(Object.keys(lazy.registry).sort()).toEqual(Object.keys(real.registry).sort());
    expect(Object.keys(lazy.loaders).sort()).toEqual(Object.keys(real.loaders).sort());
  });

  it('loads the steps the first time a step is loaded, without prepare', async () => {
    const { lazySteps } = jest.requireActual(
      '../../lib/tui/lazy-steps',
    ) as typeof import('../../lib/tui/lazy-steps');
    const steps = lazySteps(deps());
    // The real General loader asks the session, which is not logged in here.
    await expect(steps.loaders.general!({} as never)).rejects.toThrow();
    expect(steps.loaded).toBe(true);
  });
});

describe('the step schemas, built on first use', () => {
  it('are not built when validation is imported, and are built once when a step is checked', () => {
    let builds = 0;
    jest.isolateModules(() => {
      jest.doMock('../../lib/model/step-schemas', () => {
        builds++;
        return jest.requireActual('../../lib/model/step-schemas');
      });
      const schemas =
        require('../../lib/model/schemas') as typeof import('../../lib/model/schemas');
      const { defaultConfig } =
        require('../../lib/model/config') as typeof import('../../lib/model/config');
      expect(builds).toBe(0);
      const config = defaultConfig();
      schemas.validateSection(config, 'general');
      schemas.validateSection(config, 'cpu');
      expect(builds).toBe(1);
    });
  });
});

describe('the config file schema, built only for a file to check', () => {
  it('is not loaded when no config file exists, and is when one does', () => {
    let builds = 0;
    jest.isolateModules(() => {
      jest.doMock('../../lib/config-schema', () => {
        builds++;
        return jest.requireActual('../../lib/config-schema');
      });
      const { readConfigFile } =
        require('../../lib/config-file') as typeof import('../../lib/config-file');
      expect(readConfigFile('/nonexistent/pvevm/config.json', false)).toEqual({});
      expect(builds).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'pvevm-config-'));
      writeFileSync(join(dir, 'config.json'), '{"theme": "dark"}', { mode: 0o600 });
      expect(readConfigFile(join(dir, 'config.json'), true)).toEqual({ theme: 'dark' });
      expect(builds).toBe(1);
    });
  });
});
