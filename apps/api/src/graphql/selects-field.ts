import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects a field named `name` anywhere below the field being resolved,
 * through fragments too: a resolver can then leave out work only that field would need.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const search = (set: SelectionSetNode | undefined): boolean =>
    set !== undefined &&
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name || search(selection.selectionSet);
      if (selection.kind === Kind.INLINE_FRAGMENT) return search(selection.selectionSet);
      const fragment = info.fragments[selection.name.value];
      if (fragment === undefined || seen.has(fragment.name.value)) return false;
      seen.add(fragment.name.value);
      return search(fragment.selectionSet);
    });
  return info.fieldNodes.some((node) => search(node.selectionSet));
}
