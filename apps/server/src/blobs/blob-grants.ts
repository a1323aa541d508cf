import type { RelayPlugin } from '../relay/relay-plugin.ts';
import type { UploadTokens } from './upload-tokens.ts';

/** `blob.grant`: a short-lived upload token for the connection's own client ID. [P-BLOB3] */
export function blobGrants(tokens: UploadTokens): RelayPlugin {
  return (relay) => {
    relay.on('blob.grant', (peer, req) => {
      const { token, expiresAt } = tokens.issue(peer.clientId);
      peer.send({ t: 'blob.granted', rid: req.rid, token, expiresAt });
    });
  };
}
