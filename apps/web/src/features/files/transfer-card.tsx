import { isFinal, type TransferInfo } from '@yam/client';
import { useAppState } from '../../session/app-state-context.ts';
import { defaultDisplayName } from '../../session/display-name.ts';
import { formatBytes, progressText, stageText } from './format-transfer.ts';
import type { Download, RoomFiles } from './room-files.ts';

type Props = { info: TransferInfo; files: RoomFiles; downloads: Download[] };

/** One transfer: who, which files, its stage, progress, and the buttons that apply now. */
export function TransferCard({ info, files, downloads }: Props) {
  const who = useAppState().profiles.nameOf(info.peer, defaultDisplayName(info.peer));
  const names = info.files.map((f) => `${f.name} (${formatBytes(f.size)})`).join(', ');
  const title = info.direction === 'send' ? `To ${who}` : `From ${who}`;
  const deciding = info.direction === 'receive' && info.stage === 'deciding';
  const moving = info.stage === 'transferring' || info.stage === 'interrupted';
  return (
    <section
      class={`transfer ${info.direction}`}
      aria-label={`${title}: ${names}`}
      data-stage={info.stage}
    >
      <p class="transfer-title">
        <strong>{title}</strong> <span class="transfer-names">{names}</span>
      </p>
      <p class="transfer-stage" role="status">
        {stageText(info)}
      </p>
      {moving && (
        <>
          <progress
            aria-label="Transfer progress"
            value={info.progress.bytes}
            max={Math.max(1, info.progress.total)}
          />
          <p class="transfer-progress">{progressText(info)}</p>
        </>
      )}
      <div class="transfer-actions">
        {deciding && (
          <>
            <button type="button" class="button primary" onClick={() => files.accept(info.id)}>
              Accept
            </button>
            <button type="button" class="button" onClick={() => files.refuse(info.id)}>
              Refuse
            </button>
          </>
        )}
        {!deciding && !isFinal(info.stage) && (
          <button type="button" class="button" onClick={() => files.cancel(info.id)}>
            Cancel
          </button>
        )}
        {/* Only a whole, hash-checked transfer is offered: never part of a failed one. */}
        {info.stage === 'done' &&
          downloads.map((d) => (
            <a key={d.url} class="button primary transfer-save" href={d.url} download={d.name}>
              Save {d.name}
            </a>
          ))}
        {isFinal(info.stage) && (
          <button
            type="button"
            class="icon-button transfer-dismiss"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => files.dismiss(info.id)}
          >
            ×
          </button>
        )}
      </div>
    </section>
  );
}
