import { type ComponentChildren, createContext } from 'preact';
import { createPortal } from 'preact/compat';
import { useContext } from 'preact/hooks';

/**
 * The frame's right-hand column (≥1024 px): a feature fills it with a thread or the
 * member list by rendering a <SidePanel>. The frame provides the element; without one
 * (on a phone, or in tests) the panel renders where it stands, as a full view.
 */
export const SideSlotContext = createContext<HTMLElement | null>(null);

export function SidePanel(props: { label: string; children: ComponentChildren }) {
  const slot = useContext(SideSlotContext);
  const panel = (
    <section class="side-panel" aria-label={props.label}>
      {props.children}
    </section>
  );
  return slot ? createPortal(panel, slot) : panel;
}

/** Renders its children into the side slot (they bring their own landmark), or in place. */
export function InSideSlot(props: { children: ComponentChildren }) {
  const slot = useContext(SideSlotContext);
  return slot ? createPortal(props.children, slot) : props.children;
}
