/**
 * A tag's colours as the web UI draws a tag (proxmox-widget-toolkit src/Utils.js
 * `getTagElement`): the cluster's `tag-style` color-map entry when it names the tag (looked up
 * as the tag is spelt), else a colour made from the tag's name (`stringToRGB`); the text in the
 * map's colour, else white or black as `getTextContrastClass` decides (the CSS classes
 * `proxmox-tag-light` and `-dark`: #fff and #000 text).
 */
import type { Rgb, TagColor } from '../../services/proxmox-api';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** `stringToRGB`: a hash of the name (plus "prox"), 70% of it over white. */
export function nameColor(tag: string): Rgb {
  let hash = 0;
  const text = tag + 'prox';
  for (let i = 0; i < text.length; i++) {
    hash = text.charCodeAt(i) + ((hash << 5) - hash);
    hash = hash & hash;
  }
  const alpha = 0.7;
  const over = 255 * (1 - alpha);
  return [hash & 255, (hash >> 8) & 255, (hash >> 16) & 255].map(
    (v) => v * alpha + over,
  ) as unknown as Rgb;
}

/** `getTextContrastClass`: SAPC (APCA) contrast of white and of black text; the larger wins. */
export function textContrast(bg: Rgb): 'light' | 'dark' {
  const blackThreshold = 0.022;
  const blackClamp = 1.414;
  const [r, g, b] = bg.map((v) => (v / 255) ** 2.4) as unknown as Rgb;
  let y = r * 0.2126729 + g * 0.7151522 + b * 0.072175;
  y = y > blackThreshold ? y : y + (blackThreshold - y) ** blackClamp;
  const withWhite = y ** 0.65 - 1;
  const withBlack = y ** 0.56 - 0.046134502;
  return Math.abs(withWhite) >= Math.abs(withBlack) ? 'light' : 'dark';
}

/** The background and text colour the web UI gives `tag`. */
export function tagColor(tag: string, map: ReadonlyMap<string, TagColor>): Required<TagColor> {
  const entry = map.get(tag);
  const bg = entry?.bg ?? nameColor(tag);
  const fg = entry?.fg ?? (textContrast(bg) === 'light' ? WHITE : BLACK);
  return { bg, fg };
}
