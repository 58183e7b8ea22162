/** One line per stage of the create as it changes: `[ ok ] Create the VM`. */
import { plainText } from '../../widgets/terminal-text';
import { STAGE_MARKS, STAGE_TITLES, type Progress } from '../wizard/creation-stages';

export function progressPrinter(options: {
  out: NodeJS.WritableStream;
  color: boolean;
}): (progress: Progress) => void {
  const shown = new Map<string, string>();
  const paint = (state: string, text: string) => {
    if (!options.color) return text;
    const code = state === 'done' ? 32 : state === 'failed' ? 31 : state === 'unknown' ? 33 : 90;
    return `\x1b[${code}m${text}\x1b[0m`;
  };
  return (progress) => {
    for (const [stage, title] of STAGE_TITLES) {
      const { state, detail } = progress.stages[stage];
      if (state === 'pending' || shown.get(stage) === state) continue;
      shown.set(stage, state);
      const line = plainText(`${title}${detail ? `: ${detail}` : ''}`);
      options.out.write(`${paint(state, STAGE_MARKS[state])} ${line}\n`);
    }
  };
}
