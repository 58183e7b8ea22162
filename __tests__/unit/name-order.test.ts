/**
 * Names are sorted by code point, as ExtJS's default sorter does in the web UI
 * (proxmox-widget-toolkit src/form/RealmComboBox.js keeps the server's order; pve-manager
 * www/manager6/form/NodeSelector.js `sorters: node`, PoolSelector.js `sorters: 'poolid'`), and
 * never through a locale collator: its ≈10 ms set-up would fall on the first keys typed.
 */
import { realmChoices } from '../../lib/login';
import { generalFields } from '../../screens/general';
import type { GeneralData } from '../../lib/wizard/step-data';
import type { OptionSource } from '../../widgets/option-source';

afterEach(() => jest.restoreAllMocks());

it('realms: sorted by their label by code point, with no locale collation', () => {
  const collate = jest.spyOn(String.prototype, 'localeCompare');
  const choices = realmChoices([
    { realm: 'pve', type: 'pve', comment: 'Proxmox VE authentication server' },
    { realm: 'ldap', type: 'ldap', comment: 'company LDAP' },
    { realm: 'pam', type: 'pam', comment: 'Linux PAM standard authentication' },
  ]);
  expect(choices.map((c) => c.value)).toEqual(['pam', 'pve', 'ldap']);
  expect(collate).not.toHaveBeenCalled();
});

it('nodes: sorted by name by code point, with no locale collation', () => {
  const collate = jest.spyOn(String.prototype, 'localeCompare');
  const node = generalFields().find((f) => f.key === 'node')! as unknown as {
    options(s: { data: GeneralData; values: { node: string } }): OptionSource;
  };
  const data = {
    nodes: ['pve2', 'pve10', 'Pve3'].map((n) => ({ node: n, status: 'online' })),
    pools: [],
    tags: [],
  } as unknown as GeneralData;
  const source = node.options({ data, values: { node: '' } });
  expect(Array.from({ length: source.length }, (_, i) => source.value(i))).toEqual([
    'Pve3',
    'pve10',
    'pve2',
  ]);
  expect(collate).not.toHaveBeenCalled();
});
