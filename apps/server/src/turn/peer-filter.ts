import { AddressFilter } from '../net/address-filter.ts';

export type PeerFilterOptions = {
  /** Tests only: permit 127.0.0.0/8 (nothing else). */
  allowLoopbackPeers?: boolean;
  /** Addresses of this server besides its interfaces (relay and listen addresses). */
  ownAddresses?: string[];
};

/** The TURN peers a client may relay to: the shared address filter, with TURN's option names. */
export class PeerFilter extends AddressFilter {
  constructor(options: PeerFilterOptions = {}) {
    super({
      allowLoopback: options.allowLoopbackPeers === true,
      ...(options.ownAddresses ? { ownAddresses: options.ownAddresses } : {}),
    });
  }
}
