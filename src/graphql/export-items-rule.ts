import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type ASTVisitor,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

const EXPORT = "PortableExport";

const isListOfExports = (type: GraphQLOutputType) => isListType(getNullableType(type)) && getNamedType(type).name === EXPORT;

/**
 * `PortableExport.items` only for one export at a time (`portableExport(id)`, `createPortableExport`), never inside a
 * list of exports: one export holds up to 100,000 items, and a report's or a source's exports together multiply
 * that beyond any cost limit that counts fields, not rows. Fragments are followed (each once per context, so a chain
 * of spreads costs linear time).
 */
export function OneExportsItemsRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  const visited = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined, inList: boolean) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet || !(isObjectType(type) || isInterfaceType(type))) continue;
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        if (type.name === EXPORT && field.name === "items" && inList) {
          context.reportError(
            new GraphQLError(
              "PortableExport.items can be selected for one export at a time (portableExport(id) or createPortableExport), not inside a list of exports.",
              { nodes: selection },
            ),
          );
          continue;
        }
        walk(selection.selectionSet, getNamedType(field.type), inList || isListOfExports(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type, inList);
      } else {
        const key = `${selection.name.value}\u0000${inList}`;
        const fragment = context.getFragment(selection.name.value);
        if (!fragment || visited.has(key)) continue;
        visited.add(key);
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), inList);
      }
    }
  };

  return {
    OperationDefinition(node) {
      walk(node.selectionSet, schema.getRootType(node.operation) ?? undefined, false);
      return false;
    },
  };
}
