import { Attr, StunClass } from './stun-constants.ts';
import type { StunMessage } from './stun-message.ts';
import { StunWriter } from './stun-writer.ts';

const SOFTWARE = 'yam';

/** An error response to `msg` with the standard reason phrase. */
export function errorReply(msg: StunMessage, code: number): StunWriter {
  return new StunWriter(msg.method, StunClass.Error, msg.transactionId)
    .addError(code)
    .add(Attr.Software, SOFTWARE);
}

/** A success response to `msg`; the caller adds the method's attributes. */
export function successReply(msg: StunMessage): StunWriter {
  return new StunWriter(msg.method, StunClass.Success, msg.transactionId).add(
    Attr.Software,
    SOFTWARE,
  );
}
