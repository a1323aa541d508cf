import { type ComponentChild, h } from 'preact';
import type { MdNode } from './markdown-tree.ts';
import './markdown.css';

/**
 * Preact elements for a parsed message. Every string becomes a text node and every element
 * one of the tree's few tags: nothing is ever parsed as HTML. Links open in a new tab
 * without giving the page they open a handle on this one, or the Referer.
 */
export function markdownElements(
  nodes: readonly MdNode[],
  decorate?: (text: string) => ComponentChild[],
): ComponentChild[] {
  return nodes.map((node) => toElement(node, decorate));
}

/** `decorate` marks up plain text (mentions, tone tags), never code or a link's text. */
function toElement(node: MdNode, decorate?: (text: string) => ComponentChild[]): ComponentChild {
  if (typeof node === 'string') return decorate ? decorate(node) : node;
  const inner =
    node.tag === 'code' || node.tag === 'pre' || node.tag === 'a' ? undefined : decorate;
  const children = node.children.map((child) => toElement(child, inner));
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
