import { useState } from 'preact/hooks';
import { useAppState } from '../../session/app-state-context.ts';
import { MAX_USERNAME_LENGTH } from '../../session/profile-record.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { textOn } from '../../ui/contrast.ts';
import { PALETTE } from './palette.ts';
import './first-run-name.css';

/**
 * Before a new person's first room: "What should people call you?", a name and a bubble
 * colour. It fills the same profile as the Profile dialog; the room opens on "Continue",
 * so the join request already carries the name.
 */
export function FirstRunName() {
  const { own } = useAppState();
  const [name, setName] = useState('');
  // Unpicked, the app's own colours stay in charge (others see this person's author tint).
  const [picked, setColour] = useState<string | undefined>(own.colour.value);
  const colour = picked ?? PALETTE[0]!.value;
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!name.trim())
      return setError('Type a name first: it is what others see next to your messages.');
    if (picked) own.saveColour(picked);
    own.saveDisplayName(name);
  };
  const shown = name.trim() || 'You';
  return (
    <main class="welcome first-run">
      <form class="welcome-card first-run-card" onSubmit={submit} aria-labelledby="first-run-title">
        <Avatar name={shown} colour={colour} size="large" />
        <h1 id="first-run-title">What should people call you?</h1>
        <p class="lead">Your name goes only to the people in your rooms, encrypted.</p>
        <label class="field first-run-name">
          <span>Name</span>
          <input
            type="text"
            value={name}
            maxLength={MAX_USERNAME_LENGTH}
            autoComplete="nickname"
            // biome-ignore lint/a11y/noAutofocus: the one thing to do on this screen.
            autoFocus
            aria-describedby={error ? 'first-run-error' : undefined}
            onInput={(e) => {
              setName((e.target as HTMLInputElement).value);
              setError(undefined);
            }}
          />
        </label>
        <fieldset class="field colour-field first-run-colours">
          <legend>Bubble colour</legend>
          <div class="swatches">
            {PALETTE.map((c) => (
              <label key={c.value} class="swatch" title={c.name}>
                <input
                  type="radio"
                  name="first-run-colour"
                  value={c.value}
                  aria-label={c.name}
                  checked={picked === c.value}
                  onChange={() => setColour(c.value)}
                />
                <span class="swatch-dot" style={{ 'background-color': c.value }} />
              </label>
            ))}
          </div>
          <div
            class="preview-bubble"
            style={{ 'background-color': colour, color: textOn(colour).text }}
          >
            <strong>{shown}</strong>
            <span>This is how your messages look.</span>
          </div>
        </fieldset>
        {error && (
          <p id="first-run-error" class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button primary big">
          Continue
        </button>
      </form>
    </main>
  );
}
