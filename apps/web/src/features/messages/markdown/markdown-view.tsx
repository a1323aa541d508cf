import { type ComponentChild, h } from 'preact';
import type { MdNode } from './markdown-tree.ts';
import './markdown.css';

/**
 * Preact elements for a parsed message. Every string becomes a text node and every element
 * one of the tree's few tags: nothing is ever parsed as HTML. Links open in a new tab
 * without giving the page they open a handle on this one, or the Referer.
 */
export function markdownElements(nodes: readonly MdNode[]): ComponentChild[] {
  return nodes.map(toElement);
}

function toElement(node: MdNode): ComponentChild {
  if (typeof node === 'string') return node;
  const children = node.children.map(toElement);
  switch (node.tag) {
    case 'a':
      return h('a', { href: node.href, rel: 'noopener noreferrer', target: '_blank' }, children);
    case 'ol':
      return h('ol', { start: node.start }, children);
    case 'pre':
      // Keyboard users can scroll a wide code block sideways.
      return h('pre', { tabIndex: 0 }, children);
    default:
      return h(node.tag, null, children);
  }
}
