/** The yam: a plump sweet root with a sprout. Decorative; the "Yam" text names the app. */
export function YamLogo() {
  return (
    <svg class="yam-logo" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path d="M44 17c0-6 4-10 10-11 0 6-4 10-10 11z" fill="#5bab4e" />
      <path d="M42 16c-3-5-8-6-13-4 2 5 8 6 13 4z" fill="#3f8f3a" />
      <path
        d="M6 56c3-1 5-3 7-5"
        stroke="#8e3d1c"
        stroke-width="2.5"
        stroke-linecap="round"
        fill="none"
      />
      <ellipse cx="30" cy="36" rx="25" ry="15" transform="rotate(-38 30 36)" fill="#b4532a" />
      <ellipse
        cx="25"
        cy="31"
        rx="12"
        ry="4"
        transform="rotate(-38 25 31)"
        fill="#cf6d3f"
        opacity="0.7"
      />
      <path
        d="M20 44l2 2M32 38l2 2M40 28l2 2M28 48l2 2"
        stroke="#7a3419"
        stroke-width="2.4"
        stroke-linecap="round"
      />
    </svg>
  );
}
