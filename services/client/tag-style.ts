/**
 * The tags of `GET /cluster/options`: `allowed-tags`, and the colours of `tag-style`'s
 * `color-map` (`tag:RRGGBB[:RRGGBB];…`, hex without `#`), read as the web UI reads them
 * (pve-manager www/manager6/UIOptions.js `parseTagOverrides`): a later entry for a tag wins.
 * The server checks the map when it is written; an entry that is not `tag:hex[:hex]` anyway
 * (a hand-edited datacenter.cfg) is skipped here rather than drawn in a made-up colour.
 */
import type { ClusterTags, Rgb, TagColor } from '../proxmox-api';
import { sortedUnique } from './shapes';

/** Tag names as pve-guest-common allows them (case-insensitive). */
const TAG = /^[a-z0-9_][a-z0-9_\-+.]*$/i;
const HEX = /^[0-9a-f]{6}$/i;

function rgbOf(hex: string): Rgb {
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}

export function parseColorMap(text: string): Map<string, TagColor> {
  const colors = new Map<string, TagColor>();
  for (const entry of text.split(';')) {
    const [tag = '', bg = '', fg, ...rest] = entry.split(':');
    if (!TAG.test(tag) || !HEX.test(bg) || rest.length > 0) continue;
    colors.set(
      tag,
      fg !== undefined && HEX.test(fg) ? { bg: rgbOf(bg), fg: rgbOf(fg) } : { bg: rgbOf(bg) },
    );
  }
  return colors;
}

/** `allowed-tags` and the colour map from one `/cluster/options` answer. */
export function clusterTags(options: Record<string, unknown>): ClusterTags {
  const tags = options['allowed-tags'];
  const style = options['tag-style'];
  const map =
    style && typeof style === 'object' && !Array.isArray(style)
      ? (style as Record<string, unknown>)['color-map']
      : undefined;
  return {
    tags: Array.isArray(tags) ? sortedUnique(tags) : [],
    colors: typeof map === 'string' ? parseColorMap(map) : new Map(),
  };
}
