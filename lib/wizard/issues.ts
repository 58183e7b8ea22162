/** What blocks a step: its schema's problems and what the server says against the answers. Pure. */
import { unavailableChoices } from '../model/choices';
import {
  validateSection,
  VALIDATED_SECTIONS,
  type FieldIssue,
  type ValidatedSection,
} from '../model/schemas';
import type { WizardState } from './state';
import type { Step } from './steps';

export function sectionOf(step: Step): ValidatedSection | undefined {
  return (VALIDATED_SECTIONS as readonly string[]).includes(step)
    ? (step as ValidatedSection)
    : undefined;
}

/**
 * What the server says against the answers: choices it lacks, and a VM ID the live check found
 * in use. Screens show these at their fields as soon as they are known.
 */
export function serverIssues(state: WizardState): FieldIssue[] {
  const issues = unavailableChoices(state.config, state.offered);
  const { vmid } = state.config.general;
  if (state.vmidInUse !== undefined && state.vmidInUse === vmid)
    issues.unshift({
      section: 'general',
      field: 'vmid',
      message: `VM ID ${vmid} is already in use`,
    });
  return issues;
}

/** The schema's problems first, then the server's; one per field. */
export function issuesOf(state: WizardState, sections: readonly ValidatedSection[]): FieldIssue[] {
  const server = serverIssues(state);
  const all = sections.flatMap((section) => [
    ...validateSection(state.config, section),
    ...server.filter((i) => i.section === section),
  ]);
  const seen = new Set<string>();
  return all.filter((i) => {
    const key = `${i.section}:${i.field}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The issues of the current step (every step's on Confirm), once the user has seen some. */
export function revalidated(state: WizardState): WizardState {
  if (state.issues.length === 0) return state;
  if (state.step === 'confirm') return { ...state, issues: issuesOf(state, VALIDATED_SECTIONS) };
  const section = sectionOf(state.step);
  return { ...state, issues: section ? issuesOf(state, [section]) : [] };
}
