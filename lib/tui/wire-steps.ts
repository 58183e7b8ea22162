/**
 * The form steps of a logged-in wizard: each step's screen with the port it needs, each step's
 * loader, and the submit that creates the VM. The app mounts what this returns.
 */
import { createConfirmScreen, type ConfirmPort } from '../../screens/confirm';
import { createCpuScreen } from '../../screens/cpu';
import { createDisksScreen } from '../../screens/disks';
import { createDoneScreen } from '../../screens/done';
import { createGeneralScreen } from '../../screens/general';
import { createMemoryScreen } from '../../screens/memory';
import { createNetworkScreen } from '../../screens/network';
import { createOsScreen } from '../../screens/os';
import type { StepScreenFactory } from '../../screens/step-screen';
import { createSubmittingScreen } from '../../screens/submitting';
import { createSystemScreen } from '../../screens/system';
import { configureSerial } from '../../services/create-vm';
import type { AppLogin } from './app-types';
import type { Loader } from '../controller';
import {
  createFromConfig,
  creationPlan,
  type CreationResult,
  type PendingCreate,
} from '../creation';
import { initialAnswers } from '../initial-config';
import { stepLoaders } from '../loaders';
import { nodeLoadLoader } from '../loaders/node-load';
import type { NodeLoad } from '../model/node-load';
import type { SessionApi } from '../login';
import { issuesFromServer } from '../model/param-fields';
import { followUpCalls, qmCreateLines, serialConsoleParams } from '../model/follow-ups';
import { paramLines } from '../model/payload';
import { missingForCreate } from '../preflight';
import { validateConfig } from '../model/schemas';
import { writeNewFile } from '../new-file';
import { suggestedCommandsPath, suggestedSpecPath, writeSpecFile } from '../spec-file';
import { takenVmid, takenVmidMessage } from '../model/vmid-taken';
import type { WizardEvent, WizardState } from '../wizard/machine';
import type { Step } from '../wizard/steps';

export interface StepsDeps {
  login: AppLogin;
  /** Where "Save as spec" suggests writing. */
  specDir?: string;
  /** The logged-in API (throws before logging in). */
  session(): SessionApi;
  state(): WizardState;
  dispatch(event: WizardEvent): void;
}

export interface WiredSteps {
  registry: Partial<Record<Step, StepScreenFactory>>;
  loaders: Partial<Record<Step, Loader>>;
  submit(state: WizardState): Promise<WizardEvent>;
  /** A node's hour of load (General's Node list). */
  nodeLoad(node: string): Promise<NodeLoad>;
}

export function wireSteps(deps: StepsDeps): WiredSteps {
  return {
    registry: stepScreens(deps),
    loaders: stepLoaders(deps.session, deps.login.settings.defaults),
    submit: submitter(deps),
    nodeLoad: nodeLoadLoader(deps.session),
  };
}

const releaseOf = (state: WizardState) => state.data.confirm?.release ?? '';

/** Each form step's screen, with the port it needs. */
function stepScreens(deps: StepsDeps): WiredSteps['registry'] {
  const { login, session } = deps;
  return {
    general: createGeneralScreen,
    os: (ctx) =>
      createOsScreen(ctx, {
        isoImages: (storage) => session().isoImages(deps.state().config.general.node, storage),
      }),
    system: createSystemScreen,
    disks: createDisksScreen,
    cpu: createCpuScreen,
    memory: createMemoryScreen,
    network: createNetworkScreen,
    confirm: (ctx) => createConfirmScreen(ctx, confirmPort(deps)),
    submitting: createSubmittingScreen,
    done: (ctx) =>
      createDoneScreen(ctx, {
        server: login.settings.server ?? '',
        retrySerial: (node, vmid) =>
          configureSerial(
            session(),
            node,
            vmid,
            login.clock,
            serialConsoleParams(deps.state().config.system),
          ),
        createAnother: () => {
          const { config, explicit } = initialAnswers(login.settings);
          // The node of the VM just made, as a default: another node may be chosen.
          if (!explicit.includes('general.node'))
            config.general.node = deps.state().config.general.node;
          deps.dispatch({ type: 'createAnother', config, explicit });
        },
        quit: () => deps.dispatch({ type: 'cancel' }),
      }),
  };
}

function confirmPort(deps: StepsDeps): ConfirmPort {
  return {
    preview: (state) => {
      if (validateConfig(state.config).length > 0) return undefined;
      const { params, ha, start } = creationPlan(state.config, releaseOf(state));
      return {
        request: `POST /nodes/${encodeURIComponent(state.config.general.node)}/qemu`,
        params: paramLines(params),
        command: qmCreateLines(params),
        followUps: followUpCalls(state.config, { ha, start }),
      };
    },
    suggestSpecPath: (state) => suggestedSpecPath(deps.specDir ?? '.', state.config),
    saveSpec: (path, state) => writeSpecFile(path, state.config),
    suggestCommandsPath: (state) => suggestedCommandsPath(deps.specDir ?? '.', state.config),
    saveCommands: (path, script) => writeNewFile(path, script),
    missingPrivileges: (state) =>
      missingForCreate(state.config, releaseOf(state), state.data.confirm?.permissions),
  };
}

/** Creates the VM; the result as the event the wizard takes. */
function submitter(deps: StepsDeps): WiredSteps['submit'] {
  // A create whose outcome stayed unknown: the next Create looks for it before posting again.
  let pending: PendingCreate | undefined;
  return async (state) => {
    const result = await createFromConfig(deps.session(), state.config, {
      release: releaseOf(state),
      clock: deps.login.clock,
      onProgress: (progress) => deps.dispatch({ type: 'progress', data: progress }),
      resume: pending,
    });
    pending = result.kind === 'unknown' ? result.pending : undefined;
    return createdOrFailed(result, state);
  };
}

function createdOrFailed(result: CreationResult, state: WizardState): WizardEvent {
  if (result.kind === 'created') return { type: 'created', result };
  if (result.kind === 'unknown') {
    return {
      type: 'createFailed',
      message: `VM creation outcome unknown: ${result.message}`,
      result,
    };
  }
  const taken = takenVmid(result.message);
  if (taken) {
    const message = takenVmidMessage(taken);
    return {
      type: 'createFailed',
      message,
      issues: [{ section: 'general', field: 'vmid', message }],
      result,
      takenVmid: state.config.general.vmid,
    };
  }
  return {
    type: 'createFailed',
    message: `VM creation failed: ${result.message}`,
    issues: issuesFromServer(result.errors, state.config),
    result,
  };
}
