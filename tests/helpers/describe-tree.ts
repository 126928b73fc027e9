/**
 * @module tests/helpers/describe-tree
 * A domhandler tree as plain data, for comparing two trees node for node (`toEqual`): node types, tag names,
 * attributes in order, text, and each node's children — so that two adjacent text nodes and one joined
 * text node differ, as serialised HTML would not show.
 */
import { isTag, type AnyNode } from 'domhandler';

/** @example expect(describeTree(parseDocument(html))).toEqual(describeTree(parseDocumentBefore(html))) */
export function describeTree(node: AnyNode): unknown {
  const children = 'children' in node ? node.children.map(describeTree) : [];
  if (isTag(node)) return [node.type, node.name, Object.entries(node.attribs), children];
  return 'data' in node ? [node.type, node.data, children] : [node.type, children];
}
