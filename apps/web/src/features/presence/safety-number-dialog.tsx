import {
  formatSafetyNumber,
  type SafetyNumberParty,
  safetyNumber,
  safetyNumberQrPayload,
} from '@yam/crypto';
import { useEffect, useState } from 'preact/hooks';
import type { MembersSource } from '../../session/room-ports.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { QrCode } from '../../ui/qr-code.tsx';
import './safety-number.css';

type Parties = { me: SafetyNumberParty; peer: SafetyNumberParty };
type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'ready'; digits: string; qr: string };

/**
 * "Verify safety number" with one member: 60 digits from both members' keys as the room's
 * MLS group holds them. Matching digits (read aloud or scanned) prove no one in between
 * swapped a key, the server included.
 */
export function SafetyNumberDialog(props: {
  room: MembersSource & { readonly me: string };
  clientId: string;
  name: string;
  onClose(): void;
}) {
  const { room, clientId } = props;
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void partiesOf(room, clientId).then((parties) => {
      if (!live) return;
      if (!parties) return setState({ kind: 'missing' });
      const { me, peer } = parties;
      setState({
        kind: 'ready',
        digits: safetyNumber(me, peer),
        qr: safetyNumberQrPayload(me, peer),
      });
    });
    return () => {
      live = false;
    };
  }, [room, clientId]);

  return (
    <ModalDialog title={`Safety number with ${props.name}`} onClose={props.onClose}>
      {state.kind === 'loading' && <p class="hint">Reading keys…</p>}
      {state.kind === 'missing' && (
        <p class="form-error" role="alert">
          {props.name} has no key in this room's encryption group yet, so there is nothing to
          verify.
        </p>
      )}
      {state.kind === 'ready' && (
        <div class="safety-number">
          <p class="hint">
            Compare these numbers with {props.name}, in person or on a call, or scan one another's
            code. If they match, your messages reach {props.name} and no one else.
          </p>
          <code class="safety-digits">{formatSafetyNumber(state.digits)}</code>
          <QrCode text={state.qr} label="Safety number QR code" />
        </div>
      )}
    </ModalDialog>
  );
}

/** This device and the peer, with the keys the group holds; undefined if either is absent. */
async function partiesOf(
  room: MembersSource & { readonly me: string },
  peer: string,
): Promise<Parties | undefined> {
  const members = await room.memberKeys();
  const me = members.find((m) => m.clientId === room.me);
  const other = members.find((m) => m.clientId === peer);
  return me && other ? { me, peer: other } : undefined;
}
