import { mlsExporter } from 'ts-mls';
import { cipherSuite } from './cipher-suite.ts';
import type { RoomGroup } from './room-group.ts';
import { assertActive } from './room-state.ts';

/**
 * An MLS exporter secret (RFC 9420 §8.5) of the group's current epoch: every member at
 * that epoch derives the same bytes, nobody else can. Used to seal data that is not a
 * message (e.g. profile records) for the members of one epoch.
 */
export async function exportSecret(
  group: RoomGroup,
  label: string,
  context: Uint8Array,
  length: number,
): Promise<Uint8Array> {
  assertActive(group);
  return mlsExporter(
    group.state.keySchedule.exporterSecret,
    label,
    context,
    length,
    await cipherSuite(),
  );
}
