/** The bubble colours offered first; each reads well with white or dark text. */
export const PALETTE: readonly { name: string; value: string }[] = [
  { name: 'Yam', value: '#b4532a' },
  { name: 'Plum', value: '#7b3f8c' },
  { name: 'Ocean', value: '#1f5f8b' },
  { name: 'Forest', value: '#2f6b3a' },
  { name: 'Slate', value: '#4a5563' },
  { name: 'Berry', value: '#a3224f' },
  { name: 'Sand', value: '#f1d9a7' },
  { name: 'Mint', value: '#bfe8d2' },
  { name: 'Sky', value: '#c9def5' },
  { name: 'Blush', value: '#f6cfd6' },
];
