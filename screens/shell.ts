/**
 * The frame around every step: a header with the product name, the step breadcrumb and who is
 * logged in where, the body where the step's form goes, the status area, and a footer with the
 * keys that work now. The status area grows (and the body shrinks) to show its messages whole.
 */
import blessed, { type Widgets } from 'blessed';
import { setContentInRender } from '../widgets/blessed-internals';
import { fieldOf } from '../widgets/field';
import { Notice } from '../widgets/notice';
import { displayWidth, escapeTags, fit, sanitize } from '../widgets/text';
import { sessionLabel, sessionLabels } from './session-label';
import { themeOf, type Role } from '../widgets/theme';
import { FORM_STEPS, STEP_TITLES, type Step } from '../lib/wizard/steps';

export interface ShellProps {
  step: Step;
  visited: readonly Step[];
  /** Steps with known problems (marked in the breadcrumb). */
  invalid: readonly Step[];
  /** Who is logged in where, named at the right of the header (shortened to the room left). */
  session?: { username: string; server: string };
  /** Key hints for the footer, e.g. `{ key: 'Ctrl-N', text: 'next' }`. */
  keys: readonly { key: string; text: string }[];
  /** A standing warning on the row under the header, e.g. that certificates are not checked. */
  warning?: string;
  /** A quiet note at the right of that row, e.g. the preset in use. */
  note?: string;
}

export const PRODUCT = 'pvevm';

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
      setContentInRender(this.warning, this.warningLine(this.warning.width as number)),
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
   * `pvevm  General › OS › …  root@pam on pve1` with the current step highlighted. Once logged
   * in, who and where always show: the breadcrumb turns compact (`General (1/8)`) before the
   * session label is cut beyond its port and domain.
   */
  headerLine(width: number): string {
    const t = themeOf(this.screen);
    const { step, invalid, session } = this.props;
    const product = ` ${PRODUCT} `;
    const inForm = (FORM_STEPS as readonly Step[]).includes(step);
    const steps: Step[] = inForm ? [...FORM_STEPS] : [step];
    const sep = t.glyphs.separator;
    const crumbText = (s: Step) =>
      invalid.includes(s) && s !== step ? `${STEP_TITLES[s]}!` : STEP_TITLES[s];
    const start = displayWidth(product) + 1;
    const full = steps.map((s) => ` ${crumbText(s)} `).join(sep);
    const compact = ` ${STEP_TITLES[step]} (${steps.indexOf(step) + 1}/${steps.length}) `;
    // Two cells between the breadcrumb and the session label, one after it.
    const roomBeside = (crumbs: string) => width - start - displayWidth(crumbs) - 3;
    let label = '';
    let whole = displayWidth(full) <= width - start;
    if (session) {
      label =
        sessionLabels(session.username, session.server).find(
          (l) => displayWidth(l) <= roomBeside(full),
        ) ?? '';
      whole = label !== '';
      if (!whole)
        label = sessionLabel(
          session.username,
          session.server,
          Math.max(roomBeside(compact), 0),
          t.glyphs.ellipsis,
        );
    }
    let crumbs: string;
    let used: number;
    this.crumbs = [];
    if (whole) {
      let x = start;
      for (const s of steps) {
        const w = displayWidth(` ${crumbText(s)} `);
        this.crumbs.push({ step: s, from: x, to: x + w });
        x += w + displayWidth(sep);
      }
      crumbs = steps
        .map((s) => t.paint(this.crumbRole(s), escapeTags(` ${crumbText(s)} `)))
        .join(t.paint('stepFuture', sep));
      used = start + displayWidth(full);
    } else {
      crumbs = t.paint('stepCurrent', escapeTags(compact));
      used = start + displayWidth(compact);
    }
    const right = label ? `${label} ` : '';
    const gap = Math.max(width - used - displayWidth(right), 0);
    return (
      t.paint('title', product) +
      ' ' +
      crumbs +
      t.paint('hint', escapeTags(' '.repeat(gap) + right))
    );
  }

  warningLine(width: number): string {
    const t = themeOf(this.screen);
    const warning = this.props.warning ? ` ${sanitize(this.props.warning)}` : '';
    const note = this.props.note ? `${sanitize(this.props.note)} ` : '';
    const room = width - displayWidth(note);
    // The warning wins the room; the note shows only where it fits beside it.
    if (displayWidth(warning) > room - 1) return t.paint('error', escapeTags(fit(warning, width)));
    return t.paint('error', escapeTags(fit(warning, room))) + t.paint('hint', escapeTags(note));
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
