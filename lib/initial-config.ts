/**
 * The configuration the wizard starts from: the built-in defaults, the config file's site
 * defaults over them, the preset over both. Pure.
 */
import { explicitChoices, type ChoicePath } from './model/choices';
import { defaultConfig, type VmConfig } from './model/config';
import { applySpec } from './model/spec';
import type { Settings } from './settings';

/** Answers and which of their choices were given (by a spec or preset), not defaulted. */
export interface Answers {
  config: VmConfig;
  explicit: ChoicePath[];
}

export function initialConfig(settings: Pick<Settings, 'defaults' | 'preset'>): VmConfig {
  const config = defaultConfig();
  const { isoStorage, diskStorage, bridge, cpuType, node } = settings.defaults;
  if (node) config.general.node = node;
  if (isoStorage) config.os.isoStorage = isoStorage;
  if (diskStorage) {
    config.system.efiStorage = diskStorage;
    config.system.tpmStorage = diskStorage;
    config.disks = config.disks.map((disk) => ({ ...disk, storage: diskStorage }));
  }
  if (cpuType) config.cpu.type = cpuType;
  if (bridge) config.network.bridge = bridge;
  if (!settings.preset) return config;
  // Site defaults first: a preset's disk without a storage gets the site's disk storage.
  return applySpec(config, settings.preset.spec, { preset: true });
}

/** Where every run starts, with the preset's choices marked explicit (site defaults are not). */
export function initialAnswers(settings: Pick<Settings, 'defaults' | 'preset'>): Answers {
  return {
    config: initialConfig(settings),
    explicit: explicitChoices(settings.preset?.spec),
  };
}
