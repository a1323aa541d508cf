import { signal } from '@preact/signals';

const query =
  typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;

/** Whether the person asked their system for less motion (animations then wait for a click). */
export const reducedMotion = signal(query?.matches ?? false);
query?.addEventListener('change', (e) => {
  reducedMotion.value = e.matches;
});
