/** What creating a VM reports, for the screens (which do not import services themselves). */
export type { CreationResult, FollowUp, Progress, Stage, StageState } from '../services/create-vm';
