/**
 * The frame around every step: a two-row header (the product name and the step breadcrumb; a
 * standing warning and who is logged in where), the body where the step's form goes, the status area, and a footer with the
 * keys that work now. The status area grows (and the body shrinks) to show its messages whole.
 */
import blessed, { type Widgets } from 'blessed';
import { setContentInRender } from '../widgets/blessed-internals';
import { fieldOf } from '../widgets/field';
import { Notice } from '../widgets/notice';
import { displayWidth, escapeTags, fit, sanitize } from '../widgets/text';
import { sessionLabel } from './session-label';
import { themeOf, type Role } from '../widgets/theme';
import { FORM_STEPS, isFormStep, STEP_TITLES, type Step } from '../lib/wizard/steps';

export interface ShellProps {
  step: Step;
  visited: readonly Step[];
  /** Steps with known problems (marked in the breadcrumb). */
  invalid: readonly Step[];
  /** Who is logged in where, named at the right of the row under the breadcrumb. */
  session?: { username: string; server: string };
  /** Key hints for the footer, e.g. `{ key: 'Ctrl-N', text: 'next' }`. */
  keys: readonly { key: string; text: string }[];
  /** A standing warning on the row under the header, e.g. that certificates are not checked. */
  warning?: string;
  /** A quiet note at the right of that row, e.g. the preset in use. */
  note?: string;
}

export const PRODUCT = 'pvevm';

/** A part of the breadcrumb: its text, colour, and the step a click on it jumps to. */
interface CrumbPiece {
  text: string;
  role: Role;
  step?: Step;
}

interface Crumbs {
  pieces: CrumbPiece[];
  width: number;
}

const crumbs = (pieces: CrumbPiece[]): Crumbs => ({
  pieces,
  width: pieces.reduce((w, p) => w + displayWidth(p.text), 0),
});

/** The status area may take up to a sixth of the terminal's rows (never less than two). */
const statusRowsFor = (screenRows: number) => Math.max(2, Math.floor(screenRows / 6));

export class Shell {
  readonly header: Widgets.BoxElement;
  readonly body: Widgets.BoxElement;
  readonly status: Notice;
  readonly footer: Widgets.BoxElement;
  private readonly warning: Widgets.BoxElement;
  private props: ShellProps;
  /** Where each step's name was drawn in the header, for clicks. */
  private crumbs: { step: Step; from: number; to: number }[] = [];
  /** A click on a step in the breadcrumb. */
  onStepClick: ((step: Step) => void) | undefined;

  constructor(
    private readonly screen: Widgets.Screen,
    props: ShellProps,
  ) {
    this.props = props;
    this.header = blessed.box({
      parent: screen,
      top: 0,
      left: 0,
      right: 0,
      height: 1,
      tags: true,
      wrap: false,
      clickable: true,
    });
    this.header.on('click', (data: { x: number }) => {
      const hit = this.crumbs.find((c) => data.x >= c.from && data.x < c.to);
      if (hit) this.onStepClick?.(hit.step);
    });
    this.warning = blessed.box({
      parent: screen,
      top: 1,
      left: 0,
      right: 0,
      height: 1,
      tags: true,
      wrap: false,
    });
    this.warning.on('prerender', () =>
      setContentInRender(this.warning, this.contextLine(this.warning.width as number)),
    );
    this.body = blessed.box({ parent: screen, top: 2, left: 1, right: 1, bottom: 2 });
    this.status = new Notice(screen, { bottom: 1, left: 1, right: 1 });
    screen.append(this.status.el);
    this.footer = blessed.box({
      parent: screen,
      bottom: 0,
      left: 0,
      right: 0,
      height: 1,
      tags: true,
      wrap: false,
    });
    this.header.on('prerender', () =>
      setContentInRender(this.header, this.headerLine(this.header.width as number)),
    );
    // Before anything is drawn, so the body is laid out around the status area's new height.
    screen.on('prerender', () => this.placeStatus());
    this.footer.on('prerender', () =>
      setContentInRender(this.footer, this.footerLine(this.footer.width as number)),
    );
  }

  update(props: Partial<ShellProps>): void {
    this.props = { ...this.props, ...props };
  }

  /** The focused field's message when its border cuts it, sized into the status area. */
  private placeStatus(): void {
    const field = fieldOf(this.screen.focused);
    this.status.setFieldMessage(field?.messageCut() ? field.message : undefined);
    this.status.maxRows = statusRowsFor(this.screen.height as number);
    const rows = this.status.rowsNeeded(this.status.el.width as number);
    if (this.status.el.height !== rows) {
      this.status.el.height = rows;
      this.body.bottom = rows + 1;
    }
  }

  /**
   * What F1 repeats in full before the keys: the focused field's message, and the step's
   * notice when the status area had to cut it.
   */
  messagesForHelp(): string[] {
    const field = fieldOf(this.screen.focused)?.message;
    return [
      ...(field ? [Notice.fieldLine(field)] : []),
      ...(this.status.isCut() ? [this.status.message] : []),
    ];
  }

  private crumbRole(step: Step): Role {
    const { props } = this;
    if (step === props.step) return 'stepCurrent';
    if (props.invalid.includes(step)) return 'stepInvalid';
    if (props.visited.includes(step)) return 'stepVisited';
    return 'stepFuture';
  }

  /**
   * `pvevm  General › OS › …` with the current step highlighted; compact (`General (1/8)`,
   * followed by the steps with problems) only where the whole breadcrumb does not fit.
   */
  headerLine(width: number): string {
    const t = themeOf(this.screen);
    const product = ` ${PRODUCT} `;
    const start = displayWidth(product) + 1;
    const room = width - start;
    const full = this.fullCrumbs();
    const compact = this.compactCrumbs();
    const shown =
      full.width <= room ? full : compact.width <= room ? compact : this.compactCrumbs(false);
    this.crumbs = [];
    let x = start;
    let painted = '';
    for (const piece of shown.pieces) {
      if (piece.step)
        this.crumbs.push({ step: piece.step, from: x, to: x + displayWidth(piece.text) });
      painted += t.paint(piece.role, escapeTags(piece.text));
      x += displayWidth(piece.text);
    }
    return t.paint('title', product) + ' ' + painted + ' '.repeat(Math.max(width - x, 0));
  }

  /** Every form step, separated (a step outside the form: its title alone). */
  private fullCrumbs(): Crumbs {
    const t = themeOf(this.screen);
    const { step, invalid } = this.props;
    const steps: Step[] = isFormStep(step) ? [...FORM_STEPS] : [step];
    const pieces = steps.flatMap((s, i): CrumbPiece[] => [
      ...(i > 0 ? [{ text: t.glyphs.separator, role: 'stepFuture' as Role }] : []),
      {
        text: ` ${STEP_TITLES[s]}${invalid.includes(s) && s !== step ? '!' : ''} `,
        role: this.crumbRole(s),
        step: s,
      },
    ]);
    return crumbs(pieces);
  }

  /** `General (1/8)`, then the other steps with problems (`CPU!`) unless `marks` is false. */
  private compactCrumbs(marks = true): Crumbs {
    const { step, invalid } = this.props;
    const position = isFormStep(step)
      ? ` (${FORM_STEPS.indexOf(step) + 1}/${FORM_STEPS.length})`
      : '';
    const problems = marks ? FORM_STEPS.filter((s) => s !== step && invalid.includes(s)) : [];
    return crumbs([
      { text: ` ${STEP_TITLES[step]}${position} `, role: 'stepCurrent' },
      ...problems.map((s) => ({
        text: ` ${STEP_TITLES[s]}! `,
        role: 'stepInvalid' as Role,
        step: s,
      })),
    ]);
  }

  /**
   * The row under the breadcrumb: a standing warning at the left; at the right who is logged in
   * where (`root@pam on pve1.example.com`), shortened but never left out, and the preset where
   * it fits beside both. Who and where come first: an admin of several clusters must see the
   * target on every step, at every width, before pressing Create.
   */
  contextLine(width: number): string {
    const t = themeOf(this.screen);
    const { session } = this.props;
    const who = session
      ? sessionLabel(session.username, session.server, Math.max(width - 2, 0), t.glyphs.ellipsis)
      : '';
    const note = this.props.note ? sanitize(this.props.note) : '';
    const warning = this.props.warning ? ` ${sanitize(this.props.warning)}` : '';
    const parts: { text: string; role: Role }[] = [];
    // The warning comes before the preset: the preset shows only beside the whole warning.
    if (note && displayWidth(warning) + displayWidth(note) + displayWidth(who) + 5 <= width)
      parts.push({ text: note, role: 'hint' });
    if (who) parts.push({ text: who, role: 'info' });
    const right = parts.map((p) => p.text).join('  ');
    const rightWidth = right ? displayWidth(right) + 1 : 0;
    const left = fit(warning, Math.max(width - rightWidth - 1, 0), t.glyphs.ellipsis);
    const gap = Math.max(width - displayWidth(left) - rightWidth, 0);
    return (
      t.paint('error', escapeTags(left)) +
      ' '.repeat(gap) +
      parts.map((p) => t.paint(p.role, escapeTags(p.text))).join('  ') +
      (right ? ' ' : '')
    );
  }

  footerLine(width: number): string {
    const t = themeOf(this.screen);
    let out = ' ';
    let used = 1;
    for (const { key, text } of this.props.keys) {
      const w = displayWidth(key) + 1 + displayWidth(text) + 2;
      if (used + w > width) break;
      out += `${t.paint('key', escapeTags(key))} ${t.paint('hint', escapeTags(text))}  `;
      used += w;
    }
    return out + ' '.repeat(Math.max(width - used, 0));
  }
}
