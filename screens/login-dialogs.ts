/** The login step's questions and long problems, as dialogs over the form. */
import type { Widgets } from 'blessed';
import type { Untrusted } from '../lib/wizard/login-types';
import { Dialog } from '../widgets/dialog';
import { wrap } from '../widgets/text';

const dialogWidth = (screen: Widgets.Screen) => Math.min((screen.width as number) - 8, 72);

/** A problem too long for the status line at this width, in a dialog (else none). */
export function problemDialog(
  screen: Widgets.Screen,
  title: string,
  message: string,
): Dialog | undefined {
  if (message.length <= (screen.width as number) - 10) return undefined;
  return new Dialog(screen, {
    title,
    lines: wrap(message, dialogWidth(screen)),
    buttons: [{ label: 'OK', onPress: () => undefined }],
    role: 'borderError',
  });
}

export interface TrustAnswers {
  trust(remember: boolean): void;
  distrust(): void;
}

export function trustDialog(
  screen: Widgets.Screen,
  untrusted: Untrusted,
  answer: TrustAnswers,
): Dialog {
  const fp = untrusted.fingerprint;
  return new Dialog(screen, {
    title: 'Untrusted certificate',
    lines: [
      `${untrusted.server} presented a certificate that is not trusted.`,
      `Subject: ${untrusted.subject}`,
      'SHA-256 fingerprint:',
      `  ${fp.slice(0, 47)}`,
      `  ${fp.slice(48)}`,
      "Compare it with the node's (pvenode cert info, or the node's",
      'Certificates panel) before you trust it.',
    ],
    buttons: [
      { label: 'Trust once', onPress: () => answer.trust(false) },
      { label: 'Trust and remember', onPress: () => answer.trust(true) },
      { label: 'Cancel', onPress: () => answer.distrust() },
    ],
    cancel: 2,
    initial: 2,
    role: 'borderError',
  });
}

/** known_servers could not be written: Continue trusts the certificate for this session. */
export function notRememberedDialog(
  screen: Widgets.Screen,
  message: string,
  trustOnce: () => void,
): Dialog {
  return new Dialog(screen, {
    title: 'Not remembered',
    lines: wrap(
      `${message}. The certificate is trusted for this session only.`,
      dialogWidth(screen),
    ),
    buttons: [{ label: 'Continue', onPress: trustOnce }],
    role: 'borderError',
  });
}
