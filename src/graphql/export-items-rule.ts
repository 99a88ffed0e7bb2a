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
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

const EXPORT = "PortableExport";

const isListOfExports = (type: GraphQLOutputType) => isListType(getNullableType(type)) && getNamedType(type).name === EXPORT;

/**
 * `PortableExport.items` for one export at a time: never inside a list of exports (a report's or a source's exports
 * together multiply up to 100,000 items each beyond any cost limit that counts fields, not rows), and once per
 * operation (aliases would otherwise ask for fifteen exports' items). Fragments are followed, each walked once per
 * context and counted at every spread, so a chain of spreads costs linear time.
 */
export function OneExportsItemsRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  /** Items selections under each fragment, by fragment and context (inside a list or not). */
  const inFragment = new Map<string, number>();

  const refuse = (node: OperationDefinitionNode | SelectionSetNode["selections"][number], message: string) =>
    context.reportError(new GraphQLError(message, { nodes: node }));

  /** How many times `items` is selected below `selectionSet`, refusing any inside a list of exports. */
  const walk = (selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined, inList: boolean): number => {
    let items = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet || !(isObjectType(type) || isInterfaceType(type))) continue;
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        if (type.name === EXPORT && field.name === "items") {
          if (inList) {
            refuse(selection, "PortableExport.items can be selected for one export at a time (portableExport(id) or createPortableExport), not inside a list of exports.");
          }
          items++;
          continue;
        }
        items += walk(selection.selectionSet, getNamedType(field.type), inList || isListOfExports(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        items += walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type, inList);
      } else {
        const key = `${selection.name.value}\u0000${inList}`;
        const fragment = context.getFragment(selection.name.value);
        if (!fragment) continue;
        if (!inFragment.has(key)) {
          inFragment.set(key, 0);
          inFragment.set(key, walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), inList));
        }
        items += inFragment.get(key)!;
      }
    }
    return items;
  };

  return {
    OperationDefinition(node) {
      const items = walk(node.selectionSet, schema.getRootType(node.operation) ?? undefined, false);
      if (items > 1) refuse(node, `PortableExport.items can be selected once per operation, found ${items}: ask for one export's items at a time.`);
      return false;
    },
  };
}
